-- Village potential (กชช. 2ค) rolled up over the villages of an area (any level; 'TH' = all) in one
-- year: per dimension the mean score (1 = needs urgent development … 3 = advanced) and the share of
-- villages at level 1. Villages are found through their own hierarchy columns, not code prefixes.
select count(*)::integer as villages,
       avg(p.infrastructure)::float8 as infrastructure_mean, avg((p.infrastructure = 1)::int)::float8 as infrastructure_level1,
       avg(p.economy)::float8 as economy_mean, avg((p.economy = 1)::int)::float8 as economy_level1,
       avg(p.health)::float8 as health_mean, avg((p.health = 1)::int)::float8 as health_level1,
       avg(p.education)::float8 as education_mean, avg((p.education = 1)::int)::float8 as education_level1,
       avg(p.community_strength)::float8 as community_strength_mean, avg((p.community_strength = 1)::int)::float8 as community_strength_level1,
       avg(p.environment)::float8 as environment_mean, avg((p.environment = 1)::int)::float8 as environment_level1,
       avg(p.safety)::float8 as safety_mean, avg((p.safety = 1)::int)::float8 as safety_level1
from village_potential p
join admin_area v on v.code = p.village_code
where p.year = :year
  and (:code = 'TH' or v.code = :code or v.subdistrict_code = :code or v.district_code = :code or v.province_code = :code)
