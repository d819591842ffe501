-- [west, south, east, north] in degrees of the loaded country outline (admin areas if none), for TileJSON.
select st_xmin(e) as west, st_ymin(e) as south, st_xmax(e) as east, st_ymax(e) as north
from (select coalesce((select st_extent(geom) from country_outline), (select st_extent(geom) from admin_area)) as e) b
