-- The counts about the poor at one poverty threshold (score × 60) per area of one survey year, in
-- the order of POOR_CELLS (server/disclosure/cells.ts): households, poor households, poor people,
-- then the censored people per indicator and per dimension (by number), summed over the area's
-- score groups at or above the threshold (area_score_stats). A province's parent is the country TH.
with poor as (
  select p.code, sum(p.households) as households, sum(p.people) as people,
         -- generated: poor_counts_arrays (npm run sql:generate from server/mpi/indicators.ts)
         array[
           sum(p.deprived_people[1]),  -- 1 newborn_weight
           sum(p.deprived_people[2]),  -- 2 hygienic_food
           sum(p.deprived_people[3]),  -- 3 medicine_use
           sum(p.deprived_people[4]),  -- 4 exercise
           sum(p.deprived_people[5]),  -- 5 stable_house
           sum(p.deprived_people[6]),  -- 6 drinking_water
           sum(p.deprived_people[7]),  -- 7 enough_water
           sum(p.deprived_people[8]),  -- 8 tidy_home
           sum(p.deprived_people[9]),  -- 9 preschool_care
           sum(p.deprived_people[10]), -- 10 compulsory_school
           sum(p.deprived_people[11]), -- 11 continue_m4
           sum(p.deprived_people[12]), -- 12 adult_literacy
           sum(p.deprived_people[13]), -- 13 work_15_59
           sum(p.deprived_people[14]), -- 14 work_60_plus
           sum(p.deprived_people[15]), -- 15 income_threshold
           sum(p.deprived_people[16]), -- 16 elderly_care
           sum(p.deprived_people[17])  -- 17 disabled_care
         ]::integer[] as censored_people,
         array[
           sum(p.dim_failed_people[1]), -- 1 health
           sum(p.dim_failed_people[2]), -- 2 living
           sum(p.dim_failed_people[3]), -- 3 education
           sum(p.dim_failed_people[4]), -- 4 income
           sum(p.dim_failed_people[5])  -- 5 access
         ]::integer[] as dim_censored_people
         -- end generated
  from area_score_stats p
  where p.survey_year = :year and p.score60 >= :threshold
  group by p.code
),
zero as (
  select (select array_agg(0) from povmap.indicator) as indicators, (select array_agg(0) from povmap.dimension) as dimensions
)
select s.code,
       case when s.level = 'country' then null else coalesce(a.parent_code, 'TH') end as parent,
       array[s.households, coalesce(p.households, 0), coalesce(p.people, 0)]
       || coalesce(p.censored_people, z.indicators) || coalesce(p.dim_censored_people, z.dimensions) as counts
from area_stats s
cross join zero z
left join admin_area a on a.code = s.code
left join poor p on p.code = s.code
where s.survey_year = :year
