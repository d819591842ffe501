-- Before generating: no dataset row (a run that dies half-way leaves none, so the next setup
-- regenerates), every generated and derived table empty, and a fresh scratch schema `gen` with the
-- tables the generator fills from TypeScript (parameters, names and capitals). No bindings.
delete from dataset;
truncate admin_area, household, service_point, village_potential, assistance_log, country_outline, spatial_neighbour, hotspot_result,
  household_access, access_village, access_2sfca_owed, access_demand_owed, nightlight_raster, nightlight_overview, nightlight_zone, nightlight_zone_grid, light_poverty_fit,
  area_access_counts, area_public, disclosure_policy, tile_area_metrics, tile_store,
  area_assistance, area_person_stats, menu_match, menu_queue_count, area_menu_need, area_registry_stats cascade;
-- autovacuum on again where a run killed while writing them left it off (server/db/autovacuum.ts)
alter table household reset (autovacuum_enabled);
alter table person reset (autovacuum_enabled);
alter table household_access reset (autovacuum_enabled);
drop schema if exists gen cascade;
create schema gen;
create unlogged table gen.params (seed integer, households_per_year bigint, years smallint[]);
create unlogged table gen.province (code text primary key, name_th text, name_en text, lon float8, lat float8);
create unlogged table gen.district (code text primary key, parent_code text, name_th text, name_en text);
create unlogged table gen.subdistrict (code text primary key, parent_code text, name_th text, name_en text);
