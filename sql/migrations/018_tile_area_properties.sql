-- The `areas` tile's feature properties stored ready-made (issue 18): per admin area and survey
-- year, the identity (code, level, names) and that year's figures as one jsonb, which a cold tile
-- reads by primary key instead of joining admin_area and concatenating jsonb per feature and request.
-- povmap.refresh_tile_area_properties() (sql/functions/) keeps it equal to that join: called by
-- povmap.refresh_tile_area_metrics() for the areas whose figures changed, and by the triggers below
-- for areas added, renamed or moved to another level.
-- Geometry is not copied here: it stays once per band in tile_geometry (a copy per survey year
-- measured 479 MB on the demo geography and was no faster to read).
create table tile_area_properties (
  survey_year smallint not null,
  code        text not null references admin_area (code) on delete cascade,
  properties  jsonb not null,
  primary key (survey_year, code)
);

select povmap.refresh_tile_area_properties();
analyze tile_area_properties;

-- an area's identity changes: its rows follow (sql/functions/tile_area_properties_follow_areas.sql)
create trigger admin_area_tile_properties_insert after insert on admin_area
  referencing new table as new_areas
  for each statement execute function povmap.tile_area_properties_follow_areas();
create trigger admin_area_tile_properties_update after update on admin_area
  referencing old table as old_areas new table as new_areas
  for each statement execute function povmap.tile_area_properties_follow_areas();
