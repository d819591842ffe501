-- Makes the table tile_area_metrics equal to the view tile_area_metrics_source, row for row
-- (sql/migrations/008_tile_area_metrics_table.sql, sql/views/90_tile_area_metrics.sql), in the
-- caller's transaction. Generic over the view's figures: whatever keys the view builds are copied.
-- Rows are updated in place, and only those whose figures changed: readers keep reading the old rows
-- under MVCC until the caller commits (never blocked, never a half-written table), and a refresh
-- that changes few figures writes few rows.
-- The `areas` tile's stored properties (tile_area_properties) of the areas whose figures changed follow, in the
-- same transaction (sql/functions/refresh_tile_area_properties.sql).
-- `p_years`: only the rows of these survey years are compared (null: every year), for a refresh that
-- knows which years' inputs changed (server/db/refresh.ts): the other years' rows (their jsonb, the
-- costly part) are neither built nor compared.
-- `p_changed`: the areas whose own figures may have changed (the codes a refresh's merges noted,
-- sql/functions/merge_rollup_rows.sql; null: any area's). Only their objects are built again; every
-- other row of the years keeps its object and takes only the relative figures anew (view
-- tile_area_relative_figures: the ranks, hotspots, fit and crossings that rest on every area).
-- Building an object is the costly part: 85,022 of them took 10 s on the national profile.
-- Returns the number of rows written or deleted (of tile_area_metrics).
-- (the signatures before p_changed are dropped: a call without arguments would match both)
drop function if exists povmap.refresh_tile_area_metrics();
drop function if exists povmap.refresh_tile_area_metrics(smallint[]);
create or replace function povmap.refresh_tile_area_metrics(p_years smallint[] default null, p_changed text[] default null)
returns integer
language plpgsql as $$
declare
  removed text[];
  written text[];
  patched text[] := '{}';
  compression constant text := current_setting('default_toast_compression');
begin
  -- one writer at a time: two refreshes upserting the same rows in different orders could deadlock
  perform pg_advisory_xact_lock(hashtext('povmap.tile_area_metrics'));
  -- Statistics first for the figures' tables whose statistics are missing or stale: a data set just
  -- generated fills them in the transaction that stores the tile figures, before autovacuum can look
  -- at them (and a night-light import during setup stores the figures while they are still empty),
  -- and the planner took each for a few rows (national profile, a fresh database: the tile figures
  -- took 15.2 s, 9.8 s with the statistics).
  perform povmap.analyze_stale(array['area_stats', 'area_public', 'area_access_counts', 'area_assistance', 'area_person_stats',
                                        'area_menu_need', 'area_registry_stats', 'nightlight_area_stats', 'hotspot_result',
                                        'light_poverty_residual', 'tile_area_metrics']::regclass[]);
  -- The objects of the years and areas asked for, built first into a temporary table: CREATE TABLE
  -- AS may run its query in parallel, where an INSERT's query runs in one process, and building the
  -- objects is the costly part. National profile, every area and nothing changed (85,022 objects
  -- built and compared, none written), two runs each: 12.2 and 12.1 s with the insert building them,
  -- 8.5 and 8.0 s so; from an empty table, 15.0 s then, 9.4 and 9.5 s so (with LZ4, below).
  -- The objects are compressed as the temporary table stores them, and the insert below keeps them
  -- so: with LZ4, as tile_area_metrics stores its own (migration 029), not the default pglz (a server
  -- without LZ4 keeps pglz).
  drop table if exists tile_area_metrics_built;
  begin
    perform set_config('default_toast_compression', 'lz4', true);
  exception when invalid_parameter_value then
    null;
  end;
  -- `in (select unnest(…))`: a hashed subplan, where a generic plan would compare every row with the whole array
  create temp table tile_area_metrics_built on commit drop as
  select * from tile_area_metrics_source s
  where (p_years is null or s.survey_year = any (p_years))
    and (p_changed is null or s.code in (select unnest(p_changed)));
  perform set_config('default_toast_compression', compression, true);
  -- Its key, for the delete below: without statistics of the new table, the planner once ran that
  -- anti-join as a nested loop reading the whole table (110 MB on the national profile, beyond the
  -- temporary buffers) for each stored row, for eleven minutes; with the index any plan is a probe per row.
  create index on tile_area_metrics_built (code, survey_year);
  with gone as (
    delete from tile_area_metrics t
    where (p_years is null or t.survey_year = any (p_years))
      and (p_changed is null or t.code in (select unnest(p_changed)))
      and not exists (select 1 from tile_area_metrics_built b where b.code = t.code and b.survey_year = t.survey_year)
    returning t.code
  )
  select coalesce(array_agg(code), '{}') into removed from gone;
  with changed as (
    insert into tile_area_metrics as t
    select * from tile_area_metrics_built
    on conflict (code, survey_year) do update set metrics = excluded.metrics
    where t.metrics is distinct from excluded.metrics
    returning t.code
  )
  select coalesce(array_agg(code), '{}') into written from changed;
  if p_changed is not null then
    -- every other area: its own figures as stored, the relative figures new (|| replaces each: the
    -- relative object has every key), less what the policy withholds (the area's decisions did not
    -- change, or its code would be among p_changed); an area withheld whole (no object) stays so.
    -- A row is written only where a relative figure moved: its object does not contain them (they
    -- are scalars, for which containment is equality). Comparing so, no object is built for a row
    -- that stays: building every row's object to compare it took 4.5–6.8 s of the national
    -- profile's 80,799 rows, containment 1.2 s (provinces 10 and 14 refreshed, nothing moved).
    with fresh as (
      select m.code, m.survey_year, r.figures - povmap.withheld_key_array(ap.withheld) as relative
      from tile_area_metrics m
      join tile_area_relative_figures r on r.code = m.code and r.survey_year = m.survey_year
      join area_public ap on ap.code = m.code and ap.survey_year = m.survey_year
      where (p_years is null or m.survey_year = any (p_years))
        and m.code not in (select unnest(p_changed))
        and m.metrics is not null
      -- (not inlined into the update: its join filter and its SET would each build the figures)
      offset 0
    ), changed as (
      update tile_area_metrics t set metrics = t.metrics || f.relative
      from fresh f
      where t.code = f.code and t.survey_year = f.survey_year and not (t.metrics @> f.relative)
      returning t.code
    )
    select coalesce(array_agg(code), '{}') into patched from changed;
  end if;
  -- the `areas` tile's stored properties of the areas whose figures changed follow
  perform povmap.refresh_tile_area_properties(array(select distinct unnest(removed || written || patched)));
  return cardinality(written) + cardinality(removed) + cardinality(patched);
end
$$;
