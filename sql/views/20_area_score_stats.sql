-- The Alkire-Foster rollup for every cut-off k. A household is poor at k when score60 >= ceil(60 k),
-- so grouping each area's households by their score (0..60) is enough to answer any k from
-- rollups: the poor at k are the rows with score60 >= the threshold. Arrays are indexed by
-- indicator number (1..17) or dimension number (1..5), as in povmap.indicator / povmap.dimension.
-- Refreshed with area_stats (server/db/refresh.ts):
--   refresh materialized view concurrently area_score_stats;
drop materialized view if exists area_score_stats cascade;

create materialized view area_score_stats as
select
  survey_year,
  case grouping(province_code, district_code, subdistrict_code, village_code)
    when 15 then 'TH' when 7 then province_code when 3 then district_code
    when 1 then subdistrict_code else village_code end as code,
  case grouping(province_code, district_code, subdistrict_code, village_code)
    when 15 then 'country' when 7 then 'province' when 3 then 'district'
    when 1 then 'subdistrict' else 'village' end as level,
  score60,
  count(*)::integer as households,
  sum(members)::integer as people,
  -- generated: area_score_stats_arrays (npm run sql:generate from server/mpi/indicators.ts)
  -- people in households of this score that fail indicator j
  array[
    coalesce(sum(members) filter (where deprived & 1 <> 0), 0),     -- 1 newborn_weight
    coalesce(sum(members) filter (where deprived & 2 <> 0), 0),     -- 2 hygienic_food
    coalesce(sum(members) filter (where deprived & 4 <> 0), 0),     -- 3 medicine_use
    coalesce(sum(members) filter (where deprived & 8 <> 0), 0),     -- 4 exercise
    coalesce(sum(members) filter (where deprived & 16 <> 0), 0),    -- 5 stable_house
    coalesce(sum(members) filter (where deprived & 32 <> 0), 0),    -- 6 drinking_water
    coalesce(sum(members) filter (where deprived & 64 <> 0), 0),    -- 7 enough_water
    coalesce(sum(members) filter (where deprived & 128 <> 0), 0),   -- 8 tidy_home
    coalesce(sum(members) filter (where deprived & 256 <> 0), 0),   -- 9 preschool_care
    coalesce(sum(members) filter (where deprived & 512 <> 0), 0),   -- 10 compulsory_school
    coalesce(sum(members) filter (where deprived & 1024 <> 0), 0),  -- 11 continue_m4
    coalesce(sum(members) filter (where deprived & 2048 <> 0), 0),  -- 12 adult_literacy
    coalesce(sum(members) filter (where deprived & 4096 <> 0), 0),  -- 13 work_15_59
    coalesce(sum(members) filter (where deprived & 8192 <> 0), 0),  -- 14 work_60_plus
    coalesce(sum(members) filter (where deprived & 16384 <> 0), 0), -- 15 income_threshold
    coalesce(sum(members) filter (where deprived & 32768 <> 0), 0), -- 16 elderly_care
    coalesce(sum(members) filter (where deprived & 65536 <> 0), 0)  -- 17 disabled_care
  ]::integer[] as deprived_people,
  -- people in households of this score that fail dimension d
  array[
    coalesce(sum(members) filter (where failed_dims & 1 <> 0), 0),  -- 1 health
    coalesce(sum(members) filter (where failed_dims & 2 <> 0), 0),  -- 2 living
    coalesce(sum(members) filter (where failed_dims & 4 <> 0), 0),  -- 3 education
    coalesce(sum(members) filter (where failed_dims & 8 <> 0), 0),  -- 4 income
    coalesce(sum(members) filter (where failed_dims & 16 <> 0), 0)  -- 5 access
  ]::integer[] as dim_failed_people
  -- end generated
from household
group by survey_year, score60, rollup (province_code, district_code, subdistrict_code, village_code);

create unique index area_score_stats_key on area_score_stats (code, survey_year, score60);
create index area_score_stats_level_idx on area_score_stats (level, survey_year, score60);
