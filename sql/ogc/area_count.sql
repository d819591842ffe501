-- OGC API – Features (issue 19): numberMatched of an admin level's features without a filter: the
-- areas of the level with a disclosure decision for the year (exactly the rows ogc/area_source.sql
-- yields: tile_area_metrics has one row per area_public row), without building their figures.
-- Named bindings: level, year; xmin, ymin, xmax, ymax (EPSG:4326; xmin null = no bbox).
select count(*)::bigint as n
from admin_area a
join area_public ap on ap.code = a.code and ap.survey_year = :year::smallint
where a.level = :level::text
  and (:xmin::float8 is null
       or st_intersects(a.geom, st_makeenvelope(:xmin::float8, :ymin::float8, :xmax::float8, :ymax::float8, 4326)))
