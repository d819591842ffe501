-- Areas of one level inside a parent ranked by the share of their located target households whose
-- nearest school or clinic (service) is farther than km kilometres. With rollup true (km 5 or 10)
-- the counts come from area_access_stats; otherwise they are counted from household_access (target
-- rows of the parent's range of household_access_target_idx: bind its own and its ancestors' codes,
-- null below its level). Areas with fewer than min_targets located target households are left out;
-- with min_targets > 1 (public callers, disclosure policy) so are areas with 1 to min_targets - 1
-- target households far away or near (either would follow from the share and the denominator), and
-- the areas whose share the disclosure policy withholds (excluded: comma-separated codes).
with counted as (
  select case cast(:level as text) when 'province' then a.province_code when 'district' then a.district_code
              when 'subdistrict' then a.subdistrict_code else a.village_code end as code,
         count(case cast(:service as text) when 'school' then a.school_m else a.clinic_m end) as located,
         count(*) filter (where case cast(:service as text) when 'school' then a.school_m else a.clinic_m end
                                > cast(:km as float8) * 1000) as far
  from household_access a
  where not cast(:rollup as boolean) and a.target and a.survey_year = :year
    and (cast(:province as text) is null or a.province_code = :province)
    and (cast(:district as text) is null or a.district_code = :district)
    and (cast(:subdistrict as text) is null or a.subdistrict_code = :subdistrict)
  group by 1
),
rolled as (
  select s.code,
         case cast(:service as text) when 'school' then s.target_school_located else s.target_clinic_located end as located,
         case when :service = 'school' and cast(:km as float8) = 5 then s.target_school_far_5km
              when :service = 'school' then s.target_school_far_10km
              when cast(:km as float8) = 5 then s.target_clinic_far_5km
              else s.target_clinic_far_10km end as far
  from area_access_stats s
  where cast(:rollup as boolean) and s.survey_year = :year and s.level = :level
),
valued as (
  select v.code, cast(v.located as integer) as located, cast(v.far as float8) / v.located as value
  from (select * from counted union all select * from rolled) v
  where v.located >= :min_targets
    and (v.far = 0 or v.far >= :min_targets) and (v.located - v.far = 0 or v.located - v.far >= :min_targets)
    and not v.code = any(string_to_array(:excluded, ','))
)
select v.code, a.name_th, a.name_en, v.value, v.located as target_households,
       cast(rank() over (order by v.value * cast(:sign as integer)) as integer) as rank
from valued v
join admin_area a on a.code = v.code
where :parent = 'TH' or :parent in (a.province_code, a.district_code, a.subdistrict_code)
order by v.value * cast(:sign as integer), v.code
limit :limit
