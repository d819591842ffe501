-- The areas of one level inside a parent with the highest (or lowest) published value of one map
-- measure: the same figure the `areas` tiles carry (tile_area_metrics), so a list beside the map
-- shows what the map colours by. Areas without the figure (suppressed, withheld, none) are left out.
-- Parameters (named bindings): year, level, parent ('TH' = everywhere), measure, sign (-1 for
-- descending), limit.
-- The areas are chosen first and their metrics looked up one by one (a subquery per area, which
-- the view answers through its indexes): a join would build the view's metrics for every area.
with chosen as materialized (
  select a.code, a.name_th, a.name_en
  from admin_area a
  where a.level = :level
    and (:parent = 'TH' or :parent in (a.province_code, a.district_code, a.subdistrict_code))
),
valued as materialized (
  select c.code, c.name_th, c.name_en,
         (select m.metrics -> cast(:measure as text) from tile_area_metrics m where m.code = c.code and m.survey_year = :year) as value
  from chosen c
)
select v.code, v.name_th, v.name_en, cast(v.value as float8) as value,
       cast(rank() over (order by cast(v.value as float8) * cast(:sign as integer)) as integer) as rank
from valued v
where jsonb_typeof(v.value) = 'number'
order by cast(v.value as float8) * cast(:sign as integer), v.code
limit :limit
