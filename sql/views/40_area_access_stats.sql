-- The accessibility rollup per area (every level and the country 'TH') and survey year, for the API,
-- the tiles and the disclosure policy: the counts and sums of area_access_counts
-- (sql/functions/area_access_counts.sql, refreshed per province) and what follows from them.
-- "far": strictly farther than 5 or 10 km. Other thresholds are counted on request from
-- household_access (sql/api/area_access_far.sql). Shares divide by the located target households.
-- clinic_2sfca_per_1000: people-weighted mean of the villages' A_i (0 for villages with no clinic
-- within d0) × 1000, i.e. clinic capacity (patients per day) per 1,000 people.
-- (a materialized view refreshed whole before migration 027, which drops it)
drop view if exists area_access_stats cascade;

create view area_access_stats as
select c.survey_year, c.code, c.level, c.households, c.school_located, c.clinic_located,
       c.target_households, c.target_school_located, c.target_clinic_located,
       c.target_school_far_5km, c.target_school_far_10km, c.target_clinic_far_5km, c.target_clinic_far_10km,
       c.target_school_m_sum::double precision as target_school_m_sum,
       c.target_clinic_m_sum::double precision as target_clinic_m_sum,
       c.school_m_sum::double precision as school_m_sum,
       c.clinic_m_sum::double precision as clinic_m_sum,
       c.demand_people,
       c.clinic_capacity_reached::double precision as clinic_capacity_reached,
       c.target_school_far_5km::double precision / nullif(c.target_school_located, 0) as school_far_5km_share,
       c.target_school_far_10km::double precision / nullif(c.target_school_located, 0) as school_far_10km_share,
       c.target_clinic_far_5km::double precision / nullif(c.target_clinic_located, 0) as clinic_far_5km_share,
       c.target_clinic_far_10km::double precision / nullif(c.target_clinic_located, 0) as clinic_far_10km_share,
       (c.target_school_m_sum / nullif(c.target_school_located, 0) / 1000)::double precision as target_school_mean_km,
       (c.target_clinic_m_sum / nullif(c.target_clinic_located, 0) / 1000)::double precision as target_clinic_mean_km,
       (c.school_m_sum / nullif(c.school_located, 0) / 1000)::double precision as school_mean_km,
       (c.clinic_m_sum / nullif(c.clinic_located, 0) / 1000)::double precision as clinic_mean_km,
       (1000 * c.clinic_capacity_reached / nullif(c.demand_people, 0))::double precision as clinic_2sfca_per_1000
from area_access_counts c;
