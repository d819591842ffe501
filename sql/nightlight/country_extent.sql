-- The loaded country's bounding box (west, south, east, north; all null without provinces). No bindings.
select st_xmin(e) as west, st_ymin(e) as south, st_xmax(e) as east, st_ymax(e) as north
from (select st_extent(geom) as e from admin_area where level = 'province') x
