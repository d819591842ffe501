-- Makes the table menu_match (and menu_queue_count, the length of each item's queue per score and
-- province) equal to its definition (povmap.menu_match_rows, sql/functions/menu_match.sql) after the
-- households of the provinces `p_provinces` (null: every area) in the survey years `p_years` (null:
-- every year) changed, in the caller's transaction, readers never blocked. Returns the villages of
-- the households where a person's allocation changed (the household's own village, wherever its code
-- says it came from), whose unmet need (area_menu_need) is then due as well.
--   1. The matches of those provinces and years, from their own households (their members, the
--      items they fit): a change in one province changes no other province's matches. Only the
--      rows that changed are written (povmap.merge_rollup_rows); a new or changed match comes in not
--      allocated.
--   2. The queue counts of those provinces and years (and of the provinces named by the codes of
--      households that moved into them), counted from the matches as now stored.
--   3. The allocation of each item of those years, over the whole country: the capacity's first
--      people, read down the queue's index (a few thousand rows per item, not the millions of the
--      queue); only the people whose allocation changed are written, wherever they live: a needier
--      household in one province pushes the last allocated person of another out of the capacity.
-- The place in the queue is not stored: a change ahead of a person moves everyone behind them, so a
-- stored place made a refresh of one province rewrite millions of rows (povmap.menu_queue_place).
-- One writer at a time: the same lock as povmap.refresh_rollup_table's for this table.
-- p_first_fill: the caller holds the data set to itself (setup seeding the demo menu into a data set
-- just generated, before any server reads it): when menu_match is empty, its queue index is dropped
-- for the insert of every match and built again after it, in this transaction. Inserting the national
-- profile's 8,132,454 first matches took 33.2 s with the index kept up row by row (each a descent
-- to a random place of the tree), 9.8 s without it plus 7.5 s to build it (RESULTS.md, generate,
-- session 53). Dropping an index locks the table against readers until the commit, so a refresh
-- of a server's data (an import) never asks for it.
-- (the signature before p_first_fill is dropped: a call with the defaults would match both)
drop function if exists povmap.refresh_menu_match(text[], smallint[]);
create or replace function povmap.refresh_menu_match(p_provinces text[] default null, p_years smallint[] default null,
                                                     p_first_fill boolean default false)
returns text[]
language plpgsql as $$
declare
  scope constant text := $s$($1 is null or %s = any ($1)) and ($2 is null or t.survey_year = any ($2))$s$;
  moved text[]; -- villages
  -- the matches of the provinces: house codes starting with their codes, as ranges of the primary
  -- key (survey year, house code), so no index of their own is kept up for every match written
  -- (migration 032: inserting 1.03 M new matches, national, 9.9 s with that index, 7.3 s without)
  -- less the matches of households that moved out of them (not theirs to rewrite), plus those of
  -- households that moved in (named by their codes: usually none, and the ranges keep the index).
  -- Both are read once, here, from the partial index household_moved_idx: as a subquery of the
  -- merge's delete, the planner (which cannot estimate how few such households there are) hashed
  -- all 12.8 M households to anti-join with them (2.6 s of 4.5 s, national profile, two provinces).
  moved_in text[] := array(select distinct v.house_code from povmap.moved_in_houses(p_provinces, p_years) v order by 1);
  moved_out text[] := array(select o.survey_year || ' ' || o.house_code from povmap.moved_out_houses(p_provinces, p_years) o order by 1);
  match_scope text := format('(%s%s) and ($2 is null or t.survey_year = any ($2))%s',
                             coalesce(povmap.house_code_ranges('t.house_code', p_provinces), 'true'),
                             case when cardinality(moved_in) > 0 then format(' or t.house_code = any (%L::text[])', moved_in) else '' end,
                             case when cardinality(moved_out) > 0
                                  then format(' and not (t.survey_year || '' '' || t.house_code = any (%L::text[]))', moved_out) else '' end);
  -- the queue counts are kept per province of the house code: these provinces', and those named
  -- by the codes of households that moved into them, whose matches this refresh rewrites
  queue_provinces text[] := case when p_provinces is not null then
    array(select p_provinces[i] from generate_subscripts(p_provinces, 1) i union select left(c, 2) from unnest(moved_in) c) end;
  -- the queue index's definition while it is set aside for a first fill (null: kept in place)
  queue_index text;
  build_memory text;
begin
  perform pg_advisory_xact_lock(hashtext('povmap.menu_match'));
  drop table if exists fresh_menu_match, fresh_menu_queue_count, fresh_menu_allocation;
  -- run with the values, not a cached generic plan, so the filters reach the scans
  execute 'create temp table fresh_menu_match on commit drop as select * from povmap.menu_match_candidates($1, $2)'
    using p_provinces, p_years;
  analyze fresh_menu_match;
  if p_first_fill and not exists (select from menu_match) then
    queue_index := pg_get_indexdef('public.menu_match_queue_idx'::regclass);
    drop index public.menu_match_queue_idx;
  end if;
  perform povmap.merge_rollup_rows('menu_match', 'fresh_menu_match', array['survey_year', 'house_code', 'person_no', 'menu_item_id'],
                                   match_scope, p_provinces, p_years);
  if queue_index is not null then
    -- sorted in 64 MB, as the generator builds its indexes (server/generate/generate.ts says why)
    build_memory := current_setting('maintenance_work_mem');
    perform set_config('maintenance_work_mem', '64MB', true);
    execute queue_index;
    perform set_config('maintenance_work_mem', build_memory, true);
  end if;
  -- A first filling (a data set just generated, the first menu) leaves the table's statistics saying
  -- empty, or none at all, and the statements below, then area_menu_need's count, plan by them:
  -- analysed now (national profile, the demo menu's first matching and its need: 62.3 and 10.1 s
  -- without, 59.5 and 8.2 s with). A refresh of a filled table keeps the statistics it has
  -- (sql/functions/analyze_stale.sql).
  perform povmap.analyze_stale(array['menu_match']::regclass[]);

  -- counted from the matches as now stored (those of the households that moved out included)
  execute format('create temp table fresh_menu_queue_count on commit drop as '
                 'select t.survey_year, t.menu_item_id, t.score60, left(t.house_code, 2) as province_code, count(*)::integer as people '
                 'from menu_match t where (%s) and ($2 is null or t.survey_year = any ($2)) group by 1, 2, 3, 4',
                 coalesce(povmap.house_code_ranges('t.house_code', queue_provinces), 'true'))
    using queue_provinces, p_years;
  perform povmap.merge_rollup_rows('menu_queue_count', 'fresh_menu_queue_count', array['survey_year', 'menu_item_id', 'score60', 'province_code'],
                                   format(scope, 't.province_code'), queue_provinces, p_years);

  create temp table fresh_menu_allocation on commit drop as
    select y.survey_year, q.house_code, q.person_no, m.id as menu_item_id
    from (select distinct c.survey_year from menu_queue_count c where p_years is null or c.survey_year = any (p_years)) y
    cross join menu_item m
    cross join lateral (select x.house_code, x.person_no from menu_match x
                        where x.survey_year = y.survey_year and x.menu_item_id = m.id
                        order by x.score60 desc, x.house_code, x.person_no
                        limit m.capacity_per_year) q;
  -- with the row count known the comparison below is one hash on all four keys; unanalysed, the
  -- planner merged on (year, item) alone and filtered 34 M pairs (3.3 s, national, after one import)
  analyze fresh_menu_allocation;
  with lost as (
    update menu_match t set allocated = false
    where t.allocated and (p_years is null or t.survey_year = any (p_years))
      and not exists (select 1 from fresh_menu_allocation f
                      where f.survey_year = t.survey_year and f.menu_item_id = t.menu_item_id
                        and f.house_code = t.house_code and f.person_no = t.person_no)
    returning t.survey_year, t.house_code
  ), won as (
    update menu_match t set allocated = true
    from fresh_menu_allocation f
    where f.survey_year = t.survey_year and f.menu_item_id = t.menu_item_id
      and f.house_code = t.house_code and f.person_no = t.person_no
      and not t.allocated
    returning t.survey_year, t.house_code
  )
  select coalesce(array_agg(distinct h.village_code order by h.village_code), '{}') into moved
  from (select survey_year, house_code from lost union select survey_year, house_code from won) c
  join household h on h.survey_year = c.survey_year and h.house_code = c.house_code;
  return moved;
end
$$;
