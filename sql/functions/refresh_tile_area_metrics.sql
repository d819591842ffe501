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
-- Returns the number of rows written or deleted (of tile_area_metrics).
-- (the signature before p_years is dropped: a call without arguments would match both)
drop function if exists povmap.refresh_tile_area_metrics();
create or replace function povmap.refresh_tile_area_metrics(p_years smallint[] default null) returns integer
language plpgsql as $$
declare
  removed text[];
  written text[];
begin
  -- one writer at a time: two refreshes upserting the same rows in different orders could deadlock
  perform pg_advisory_xact_lock(hashtext('povmap.tile_area_metrics'));
  with gone as (
    delete from tile_area_metrics t
    where (p_years is null or t.survey_year = any (p_years))
      and not exists (select 1 from tile_area_metrics_source s where s.code = t.code and s.survey_year = t.survey_year)
    returning t.code
  )
  select coalesce(array_agg(code), '{}') into removed from gone;
  with changed as (
    insert into tile_area_metrics as t
    select * from tile_area_metrics_source s where p_years is null or s.survey_year = any (p_years)
    on conflict (code, survey_year) do update set metrics = excluded.metrics
    where t.metrics is distinct from excluded.metrics
    returning t.code
  )
  select coalesce(array_agg(code), '{}') into written from changed;
  -- the `areas` tile's stored properties of the areas whose figures changed follow
  perform povmap.refresh_tile_area_properties(array(select distinct unnest(removed || written)));
  return cardinality(written) + cardinality(removed);
end
$$;
