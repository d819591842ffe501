-- Target households of an area (any level; 'TH' = all) in one survey year whose nearest school or
-- clinic is strictly farther than each given distance (km, comma-separated kilometres), counted from
-- household_access; `located` are the target households with a distance. The area is one range of
-- household_access_target_idx (index-only): bind its own and its ancestors' codes, null below its
-- level (all null for the country, which then reads every target household of the year).
with target as materialized (
  select a.school_m, a.clinic_m
  from household_access a
  where a.target and a.survey_year = :year
    and (cast(:province as text) is null or a.province_code = :province)
    and (cast(:district as text) is null or a.district_code = :district)
    and (cast(:subdistrict as text) is null or a.subdistrict_code = :subdistrict)
    and (cast(:village as text) is null or a.village_code = :village)
)
select cast(t.km as float8) as km,
       cast(count(x.school_m) as integer) as school_located,
       cast(count(*) filter (where x.school_m > t.km * 1000) as integer) as school_far,
       cast(count(x.clinic_m) as integer) as clinic_located,
       cast(count(*) filter (where x.clinic_m > t.km * 1000) as integer) as clinic_far
from unnest(cast(string_to_array(:km, ',') as float8[])) as t(km)
cross join target x
group by t.km
order by t.km
