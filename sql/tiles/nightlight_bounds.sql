-- [west, south, east, north] in degrees of one year's night-light composite, for its TileJSON. $1 year.
select st_xmin(e) as west, st_ymin(e) as south, st_xmax(e) as east, st_ymax(e) as north
from (select st_extent(st_envelope(rast)) as e from nightlight_raster where year = $1::smallint) x
