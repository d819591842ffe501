-- The figures the `areas` tiles carry, per area x survey year, stored rather than computed per
-- request (issue 18): a cold tile then reads one indexed row per feature instead of joining eight
-- relations and building each feature's jsonb. The definition stays in the view
-- tile_area_metrics_source (sql/views/90_tile_area_metrics.sql); povmap.refresh_tile_area_metrics()
-- (sql/functions/refresh_tile_area_metrics.sql) makes this table equal to it, inside the transaction
-- of whatever changed the figures, so readers see one refresh or the next, never a mix.
-- The view of the same name that this replaces is dropped first; the view file, applied after the
-- migrations, fills the table.
drop view if exists tile_area_metrics cascade;

create table tile_area_metrics (
  code        text not null,
  survey_year smallint not null,
  metrics     jsonb,
  -- the tiles and the API read one area of one year (code, survey_year); the choropleth's scans read
  -- a year's rows hashed by code
  primary key (code, survey_year)
);
create index tile_area_metrics_year_idx on tile_area_metrics (survey_year);
