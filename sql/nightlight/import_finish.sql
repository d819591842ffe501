-- psql script run after raster2pgsql's COPY statements, in the same single transaction (psql -1):
-- moves the staged tiles and overviews of one composite year under that year (replacing it), drops
-- the staging tables, recomputes the year's zonal statistics, the light-vs-poverty model and the stored tile figures, and bumps
-- the data versions (the areas tiles carry night lights, hence 'households').
-- psql variables: year (the composite year), stage (the staging table raster2pgsql wrote), factors
-- (the overview factors, comma-separated; raster2pgsql named their tables o_<factor>_<stage>).
delete from nightlight_raster where year = :year;
insert into nightlight_raster (year, rast) select :year, rast from public.:"stage" order by rid;
delete from nightlight_overview where year = :year;
select format('insert into nightlight_overview (factor, year, rast) select %s, %s, rast from public.%I order by rid',
              f, :year, 'o_' || f || '_' || :'stage')
from unnest(string_to_array(:'factors', ',')::integer[]) f \gexec
select format('drop table public.%I', t)
from unnest(array[:'stage'] || array(select 'o_' || f || '_' || :'stage' from unnest(string_to_array(:'factors', ',')::integer[]) f)) t \gexec
select povmap.refresh_nightlight_stats(:year::smallint);
select povmap.refresh_light_mismatch();
select povmap.refresh_tile_area_metrics();
select povmap.bump_data_version('nightlight');
select povmap.bump_data_version('households');
