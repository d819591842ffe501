-- Makes the rollup table `p_table` (migration 023: area_assistance, area_person_stats, menu_match,
-- area_menu_need, area_registry_stats) equal to its definition, the function povmap.<p_table>_rows
-- in sql/functions/<p_table>.sql, for the survey years `p_years` (null: every year), in the caller's
-- transaction, readers never blocked. Returns the number of rows deleted and inserted.
--   * Scope: a definition that takes the provinces first (p_provinces, p_years) is refreshed for the
--     provinces `p_provinces` (null: every area) and the country row; one that takes only the years
--     is refreshed for every area of the years, and `p_provinces` must then be null. Why each table
--     is one or the other is written beside its definition.
--   * Writing: the definition's rows go to a temporary table first, run with the values (not a
--     cached generic plan, so the filters reach the scans); then only the rows that changed are
--     written: per area and year (povmap.merge_area_rows) for a table keyed by (code, survey_year),
--     else on the table's primary key within the years (povmap.merge_rollup_rows).
--   * One writer per table at a time: two refreshes writing the same rows in different orders could
--     deadlock.
-- (one refresh function per table before it: dropped, so no database keeps a stale copy)
drop function if exists povmap.refresh_area_assistance(text[], smallint[]);
drop function if exists povmap.refresh_area_person_stats(text[], smallint[]);
drop function if exists povmap.refresh_menu_match(smallint[]);
drop function if exists povmap.refresh_area_menu_need(smallint[]);
drop function if exists povmap.refresh_area_registry_stats(smallint[]);
create or replace function povmap.refresh_rollup_table(p_table text, p_provinces text[] default null, p_years smallint[] default null)
returns integer
language plpgsql as $$
declare
  fresh text := 'fresh_' || p_table;
  definition regprocedure;
  by_province boolean;
  key text[];
begin
  select p.oid::regprocedure, p.pronargs = 2 into definition, by_province
  from pg_proc p where p.pronamespace = 'povmap'::regnamespace and p.proname = p_table || '_rows';
  if definition is null then
    raise exception 'no definition povmap.%_rows for the rollup table %', p_table, p_table;
  end if;
  if not by_province and p_provinces is not null then
    raise exception '% is refreshed per survey year only (its definition takes no provinces)', p_table;
  end if;
  perform pg_advisory_xact_lock(hashtext('povmap.' || p_table));
  execute format('drop table if exists %I', fresh);
  execute format('create temp table %I on commit drop as select * from povmap.%I(%s)',
                 fresh, p_table || '_rows', case when by_province then '$1, $2' else '$2' end)
    using p_provinces, p_years;
  execute format('analyze %I', fresh);
  select array_agg(a.attname::text order by k.n) into key
  from pg_index i, unnest(i.indkey) with ordinality k(attnum, n), pg_attribute a
  where i.indrelid = p_table::regclass and i.indisprimary and a.attrelid = i.indrelid and a.attnum = k.attnum;
  if key = array['code', 'survey_year'] then
    return povmap.merge_area_rows(p_table::regclass, fresh::regclass, p_provinces, p_years);
  end if;
  return povmap.merge_rollup_rows(p_table::regclass, fresh::regclass, key, '$2 is null or t.survey_year = any ($2)', null, p_years);
end
$$;
