-- psql script run after raster2pgsql's COPY of the zone raster (psql -1, one transaction): moves the
-- staged tiles into nightlight_zone, records the grid they lie on and drops the staging table.
-- psql variables: stage (the staging table), level (the admin level burned), origin_x, origin_y,
-- scale_x, scale_y, width, height (the grid).
insert into nightlight_zone (rast) select rast from public.:"stage" order by rid;
insert into nightlight_zone_grid (level, origin_x, origin_y, scale_x, scale_y, width, height)
  values (:'level', :origin_x, :origin_y, :scale_x, :scale_y, :width, :height);
drop table public.:"stage";
