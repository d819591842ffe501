-- The rollup per area (every level and the country 'TH') and survey year, for the API and the tiles.
-- "far": strictly farther than 5 or 10 km. Other thresholds are counted on request from
-- household_access (sql/api/area_access_far.sql). Shares divide by the located target households.
-- clinic_2sfca_per_1000: people-weighted mean of the villages' A_i (0 for villages with no clinic
-- within d0) × 1000, i.e. clinic capacity (patients per day) per 1,000 people.
-- Refresh with: refresh materialized view concurrently area_access_stats; (server/access/refresh.ts)
drop materialized view if exists area_access_stats cascade;

create materialized view area_access_stats as
with village as (  -- one row per village and year: its households' counts and sums
  select a.survey_year, a.province_code, a.district_code, a.subdistrict_code, a.village_code,
         count(*) as households,
         count(a.school_m) as school_located,
         count(a.clinic_m) as clinic_located,
         count(*) filter (where a.target) as target_households,
         count(a.school_m) filter (where a.target) as target_school_located,
         count(a.clinic_m) filter (where a.target) as target_clinic_located,
         count(*) filter (where a.target and a.school_m > 5000) as target_school_far_5km,
         count(*) filter (where a.target and a.school_m > 10000) as target_school_far_10km,
         count(*) filter (where a.target and a.clinic_m > 5000) as target_clinic_far_5km,
         count(*) filter (where a.target and a.clinic_m > 10000) as target_clinic_far_10km,
         sum(a.school_m::double precision) filter (where a.target) as target_school_m_sum,
         sum(a.clinic_m::double precision) filter (where a.target) as target_clinic_m_sum,
         sum(a.school_m::double precision) as school_m_sum,
         sum(a.clinic_m::double precision) as clinic_m_sum
  from household_access a
  group by a.survey_year, a.province_code, a.district_code, a.subdistrict_code, a.village_code
),
h as (
  select
    v.survey_year,
    povmap.rollup_code(grouping(v.province_code, v.district_code, v.subdistrict_code, v.village_code), v.province_code, v.district_code, v.subdistrict_code, v.village_code) as code,
    povmap.rollup_level(grouping(v.province_code, v.district_code, v.subdistrict_code, v.village_code)) as level,
    sum(v.households)::integer as households,
    sum(v.school_located)::integer as school_located,
    sum(v.clinic_located)::integer as clinic_located,
    sum(v.target_households)::integer as target_households,
    sum(v.target_school_located)::integer as target_school_located,
    sum(v.target_clinic_located)::integer as target_clinic_located,
    sum(v.target_school_far_5km)::integer as target_school_far_5km,
    sum(v.target_school_far_10km)::integer as target_school_far_10km,
    sum(v.target_clinic_far_5km)::integer as target_clinic_far_5km,
    sum(v.target_clinic_far_10km)::integer as target_clinic_far_10km,
    sum(v.target_school_m_sum) as target_school_m_sum,
    sum(v.target_clinic_m_sum) as target_clinic_m_sum,
    sum(v.school_m_sum) as school_m_sum,
    sum(v.clinic_m_sum) as clinic_m_sum,
    sum(d.people)::bigint as demand_people,
    sum(d.people * coalesce(d.clinic_2sfca, 0)) as clinic_capacity_reached
  from village v
  -- the demand point of the same village and year (both are written from the same households)
  left join access_village d on d.survey_year = v.survey_year and d.village_code = v.village_code
  group by v.survey_year, rollup (v.province_code, v.district_code, v.subdistrict_code, v.village_code)
)
select h.*,
       h.target_school_far_5km::double precision / nullif(h.target_school_located, 0) as school_far_5km_share,
       h.target_school_far_10km::double precision / nullif(h.target_school_located, 0) as school_far_10km_share,
       h.target_clinic_far_5km::double precision / nullif(h.target_clinic_located, 0) as clinic_far_5km_share,
       h.target_clinic_far_10km::double precision / nullif(h.target_clinic_located, 0) as clinic_far_10km_share,
       h.target_school_m_sum / nullif(h.target_school_located, 0) / 1000 as target_school_mean_km,
       h.target_clinic_m_sum / nullif(h.target_clinic_located, 0) / 1000 as target_clinic_mean_km,
       h.school_m_sum / nullif(h.school_located, 0) / 1000 as school_mean_km,
       h.clinic_m_sum / nullif(h.clinic_located, 0) / 1000 as clinic_mean_km,
       1000 * h.clinic_capacity_reached / nullif(h.demand_people, 0) as clinic_2sfca_per_1000
from h;

create unique index area_access_stats_key on area_access_stats (code, survey_year);
create index area_access_stats_level_idx on area_access_stats (level, survey_year);
