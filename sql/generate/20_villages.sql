-- Household counts and the poverty surface per village, calibrated to the BMN survey's shape (see README "Synthetic data").
-- Inputs: gen.params(seed, households_per_year, years), gen.province(code, lon, lat), admin_area.
-- Every draw is povmap.rand(seed, key, salt), so a household is the same whatever else is generated.

-- Per village: how many households, and how poor the place is (a smooth surface, so neighbours are
-- alike: region, distance to the provincial capital, and long-wave noise).
create unlogged table gen.village as
with base as (
  select v.code, v.province_code, v.district_code, v.subdistrict_code, v.geom,
         st_x(v.label_point) as lon, st_y(v.label_point) as lat,
         st_distance(v.label_point::geography, st_setsrid(st_makepoint(c.lon, c.lat), 4326)::geography) / 1000 as capital_km,
         (select seed from gen.params) as seed
  from admin_area v join gen.province c on c.code = v.province_code
  where v.level = 'village'
), shaped as (
  select b.*,
    (0.6 + 0.8 * povmap.rand(seed, code::bigint, 30)) * (1 + 4 * exp(-capital_km / 12))
      * case when province_code = '10' then 2.5 else 1 end as weight,
    (case
       when province_code = '10' then 0.15
       when province_code::integer between 11 and 19 then 0.6
       when province_code::integer between 20 and 27 then 0.55
       when province_code::integer between 30 and 49 then 1.55
       when province_code::integer between 50 and 67 then 1.25
       when province_code::integer between 70 and 77 then 0.9
       when province_code::integer between 94 and 96 then 2.8
       else 0.8 end)
    * (0.45 + 0.55 * (1 - exp(-capital_km / 20)))
    * exp(0.45 * (sin(lon * 1.7 + seed) * cos(lat * 2.1 + seed * 0.7) + 0.5 * sin(lon * 4.3 + lat * 3.1 + seed * 1.3)))
    * exp(0.25 * (2 * povmap.rand(seed, code::bigint, 31) - 1)) as poverty
  from base b
), counted as (
  -- Split the national total over villages in proportion to weight, every village at least one
  -- household; cumulative rounding makes the counts add up exactly.
  select s.*,
    sum(weight) over (order by code) as cum_w, sum(weight) over () as total_w,
    count(*) over () as villages
  from shaped s
)
select code, province_code, district_code, subdistrict_code, geom, poverty, counted.seed,
  1 + (floor((p.households_per_year - villages) * cum_w / total_w)
       - floor((p.households_per_year - villages) * (cum_w - weight) / total_w))::integer as n_households
from counted, gen.params p;

-- The chance a household is a target (fails at least one indicator) is 4.8 % nationally in the first
-- year, scaled by the village's poverty; households that are targets stay in the same order of
-- poverty across years, and fewer cross the line in later years.
create unlogged table gen.scale as
select 0.048 * sum(n_households) / sum(n_households * poverty) as target_scale from gen.village;

-- Statistics now, not when autovacuum gets to it a minute into the households: every province's
-- statement is then planned alike.
analyze gen.village;
