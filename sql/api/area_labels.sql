-- Where to write the names of the areas of one level on the map: each area's label point (a point
-- inside it) within a box, largest areas first, so that when names collide the larger area's wins.
-- Parameters (named bindings): level, west, south, east, north (degrees, WGS 84), limit.
select a.code, a.name_th, a.name_en,
       st_x(a.label_point) as lon, st_y(a.label_point) as lat
from admin_area a
where a.level = :level
  and a.label_point && st_makeenvelope(:west, :south, :east, :north, 4326)
order by a.area_km2 desc, a.code
limit :limit
