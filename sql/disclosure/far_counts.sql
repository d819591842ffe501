-- The accessibility counts at one distance that is not precomputed, per area of one survey year, in
-- the order of FAR_CELLS (server/disclosure/cells.ts): households, target households, then per
-- service (school, clinic) the located and not located target households and the located ones
-- farther (strictly) and nearer than metres. Counted from the target rows of household_access (its
-- partial index) and rolled up like area_access_stats. A province's parent is the country TH.
with v as (
  select x.province_code, x.district_code, x.subdistrict_code, x.village_code,
         count(x.school_m) as school_located, count(*) filter (where x.school_m > :metres) as school_far,
         count(x.clinic_m) as clinic_located, count(*) filter (where x.clinic_m > :metres) as clinic_far
  from household_access x
  where x.target and x.survey_year = :year
  group by x.province_code, x.district_code, x.subdistrict_code, x.village_code
),
rolled as (
  select povmap.rollup_code(grouping(v.province_code, v.district_code, v.subdistrict_code, v.village_code), v.province_code, v.district_code, v.subdistrict_code, v.village_code) as code,
         sum(v.school_located) as school_located, sum(v.school_far) as school_far,
         sum(v.clinic_located) as clinic_located, sum(v.clinic_far) as clinic_far
  from v
  group by rollup (v.province_code, v.district_code, v.subdistrict_code, v.village_code)
)
select s.code,
       case when s.level = 'country' then null else coalesce(a.parent_code, 'TH') end as parent,
       array[s.households, s.target_households,
             coalesce(r.school_located, 0), s.target_households - coalesce(r.school_located, 0),
             coalesce(r.school_far, 0), coalesce(r.school_located - r.school_far, 0),
             coalesce(r.clinic_located, 0), s.target_households - coalesce(r.clinic_located, 0),
             coalesce(r.clinic_far, 0), coalesce(r.clinic_located - r.clinic_far, 0)] as counts
from area_stats s
left join admin_area a on a.code = s.code
left join rolled r on r.code = s.code
where s.survey_year = :year
