-- Makes the rows of the rollup table `p_table` that `p_scope` selects equal to those of `p_fresh`
-- (a temporary table of the same columns, less those the table computes itself: its generated
-- columns and any it fills afterwards, such as area_stats.stars), rows matched on `p_key`. A row
-- whose stored columns all equal its fresh one is left alone (no new row version), so a refresh
-- that changes few counts writes few rows; readers keep the old rows under MVCC until the caller
-- commits. `p_scope` is a predicate over the table's row `t`; `$1` in it is `p_provinces`, `$2` `p_years`.
-- Every fresh row must lie in the scope: a stored row of its key outside it makes the insert fail.
-- Returns the number of rows deleted and inserted (sql/functions/refresh_household_rollups.sql).
-- When the caller's session has a temporary table changed_area (code text primary key) and the key
-- holds `code`, the codes of the rows deleted or inserted go into it: the areas whose figures this
-- transaction changed, whose tile figures must then be built again (server/disclosure/refresh.ts).
-- (the signature before p_years is dropped: a call with the defaults would match both)
drop function if exists povmap.merge_rollup_rows(regclass, regclass, text[], text, text[]);
create or replace function povmap.merge_rollup_rows(p_table regclass, p_fresh regclass, p_key text[], p_scope text,
                                                   p_provinces text[] default null, p_years smallint[] default null) returns integer
-- no nested loop: see the insert below
language plpgsql set enable_nestloop = off as $$
declare
  fresh_columns text;
  fresh_values text;
  same_values text;
  same_key text;
  removed integer;
  added integer;
  -- noting the changed areas: each statement below becomes `with written as (… returning code),
  -- noted as (insert into changed_area …) select count(*) from written`
  noting boolean := 'code' = any (p_key) and to_regclass('pg_temp.changed_area') is not null;
  statement text;
  empty boolean;
begin
  -- the fresh columns, and each compared with the table's (null equal to null): a row is unchanged
  -- when all are equal; the columns the table computes itself are not among them
  select string_agg(quote_ident(attname), ', ' order by attnum),
         string_agg('f.' || quote_ident(attname), ', ' order by attnum),
         coalesce(string_agg(format('f.%1$I is not distinct from t.%1$I', attname), ' and ' order by attnum)
                    filter (where attname <> all (p_key)), 'true')
    into fresh_columns, fresh_values, same_values
  from pg_attribute where attrelid = p_fresh and attnum > 0 and not attisdropped;
  select string_agg(format('f.%1$I = t.%1$I', k), ' and ') into same_key from unnest(p_key) k;

  -- An empty table (its first filling: a data set just generated, the first solution menu) has
  -- nothing to delete or compare with: the fresh rows go in with a plain insert, not compared with
  -- the rows in scope (menu matches: the national profile's 8.1 M took 42 s as an upsert; the
  -- demo's 0.61 M, 3.9 s as an upsert, 2.7 s plain).
  -- The caller's lock (one writer per table) keeps the table empty meanwhile.
  execute format('select not exists (select 1 from %s)', p_table) into empty;

  -- rows gone or changed (a changed row is deleted and inserted: its columns are many arrays)
  removed := 0;
  if not empty then
    statement := format('delete from %s t where (%s) and not exists (select 1 from %s f where %s and %s)',
                         p_table, p_scope, p_fresh, same_key, same_values);
    if noting then
      execute povmap.noting_changed_areas(statement) into removed using p_provinces, p_years;
    else
      execute statement using p_provinces, p_years;
      get diagnostics removed = row_count;
    end if;
  end if;
  -- What is left under a fresh row's key is equal to it, so a key already present is skipped: an
  -- anti-join with the rows left in scope (the statement does not see its own rows), then a plain
  -- insert of the rest. `on conflict do nothing` instead probes the key and inserts speculatively
  -- for every row (national, the 1.03 M new matches of provinces 10 and 14 after 100k households
  -- changed: 8.7–8.9 s that way, 6.9 s this way, in one transaction each). Nested loops are off
  -- for this function: where the table's statistics still said empty (filled since in the same
  -- transaction), the planner looped over the heap this very statement grows, rescanning it for
  -- every fresh row (a generated data set's accessibility rollup: 109 s instead of 1.5 s).
  statement := format('insert into %1$s (%2$s) select %3$s from %4$s f', p_table, fresh_columns, fresh_values, p_fresh)
               || case when empty then '' else format(' where not exists (select 1 from %s t where (%s) and %s)', p_table, p_scope, same_key) end;
  if noting then
    execute povmap.noting_changed_areas(statement) into added using p_provinces, p_years;
  else
    execute statement using p_provinces, p_years;
    get diagnostics added = row_count;
  end if;
  return removed + added;
end
$$;

-- `statement` (an insert or delete of rows with a column `code`) rewritten to also note the codes of
-- the rows it writes in the temporary table changed_area; the rewritten statement returns the number
-- of rows written.
create or replace function povmap.noting_changed_areas(statement text) returns text
language sql immutable as $$
  select format('with written as (%s returning code), noted as (insert into pg_temp.changed_area select distinct code from written '
                'on conflict do nothing) select count(*) from written', statement)
$$;
