-- Makes the table tile_area_properties (sql/migrations/018_tile_area_properties.sql) equal to what
-- the `areas` tile used to build per feature and request: for every admin area and every survey
-- year the rollups hold (the tiles' year set, sql/tiles/survey_years.sql), the area's identity and
-- that year's stored figures (tile_area_metrics) as one jsonb, or the identity and
-- `suppressed: true` where the year has no figures for the area.
-- `only_codes`: the areas whose figures or identity changed (povmap.refresh_tile_area_metrics and
-- the admin_area triggers pass them); null = every area. When the set of survey years changed, every
-- area is done.
-- Rows are updated in place and only where something differs, in the caller's transaction: readers
-- keep the old rows under MVCC until it commits, never blocked. The caller holds the tile figures'
-- advisory lock (one writer at a time). Returns the number of rows written or deleted.
create or replace function povmap.refresh_tile_area_properties(only_codes text[] default null) returns integer
language plpgsql as $$
declare
  written integer;
  removed integer;
  codes text[] := only_codes;
  years smallint[] := array(select distinct survey_year from area_stats order by 1);
begin
  -- a year added or gone touches every area
  if codes is not null and years is distinct from array(select distinct survey_year from tile_area_properties order by 1) then
    codes := null;
  end if;
  -- `in (select unnest(codes))`, not `= any(codes)`: a hashed subplan, where a generic plan would
  -- compare every row with the whole array
  if codes is not null and cardinality(codes) = 0 then
    return 0;
  end if;

  delete from tile_area_properties p
  where (codes is null or p.code in (select unnest(codes)))
    and (p.survey_year <> all(years) or not exists (select 1 from admin_area a where a.code = p.code));
  get diagnostics removed = row_count;

  insert into tile_area_properties as t (survey_year, code, properties)
  select y.survey_year, a.code,
         jsonb_build_object('code', a.code, 'level', a.level, 'name_th', a.name_th, 'name_en', a.name_en)
           || coalesce(m.metrics, '{"suppressed": true}'::jsonb)
  from admin_area a
  cross join unnest(years) as y(survey_year)
  left join tile_area_metrics m on m.code = a.code and m.survey_year = y.survey_year
  where codes is null or a.code in (select unnest(codes))
  on conflict (survey_year, code) do update set properties = excluded.properties
  where t.properties is distinct from excluded.properties;
  get diagnostics written = row_count;
  return written + removed;
end
$$;
