-- The 2SFCA clinic ratio of an area (any level; TH = all) for a catchment of d0 metres, computed
-- on request (the rollup area_access_stats holds it for d0 = 10 km): the clinics within d0 of the
-- area's villages, each clinic's ratio R_j = capacity / people of every village (inside the area or
-- not) within d0 of it, each area village's A_i = Σ R_j of its clinics within d0, and the people-
-- weighted mean of A_i × 1000 (capacity per 1,000 people). See povmap.clinic_2sfca in sql/functions/clinic_2sfca.sql.
-- Distances are geodesic (povmap.within_metres); the GiST searches use a planar radius widened by
-- min_metres_per_degree.
with area_village as (
  select v.village_code, v.people, v.geom
  from access_village v
  join admin_area a on a.code = v.village_code
  where v.survey_year = :year
    and (:code = 'TH' or :code in (a.code, a.subdistrict_code, a.district_code, a.province_code))
),
pair as (  -- area village × clinic within d0
  select v.village_code, v.people, c.id, c.capacity, c.geom
  from area_village v
  join service_point c
    on c.kind in ('hospital', 'health_promoting_hospital')
   and st_dwithin(c.geom, v.geom, cast(:d0 as float8) / povmap.min_metres_per_degree(st_y(v.geom), :d0 / 110574.0))
   and povmap.within_metres(c.geom, v.geom, :d0)
),
supply as (  -- each of those clinics: capacity / people within d0 (any village)
  select c.id, c.capacity / cast(sum(w.people) as float8) as r
  from (select distinct id, capacity, geom from pair) c
  join access_village w
    on w.survey_year = :year
   and st_dwithin(w.geom, c.geom, cast(:d0 as float8) / povmap.min_metres_per_degree(st_y(c.geom), :d0 / 110574.0))
   and povmap.within_metres(w.geom, c.geom, :d0)
  group by c.id, c.capacity
),
village_ratio as (
  select v.village_code, v.people, coalesce(sum(s.r), 0) as a
  from area_village v
  left join pair p on p.village_code = v.village_code
  left join supply s on s.id = p.id
  group by v.village_code, v.people
)
select cast(sum(people) as bigint) as people,
       cast(1000 * sum(people * a) / nullif(sum(people), 0) as float8) as per_1000
from village_ratio
