-- Rollups per area x survey year that the API and the tiles read. Counts of people use household
-- members as weights. Alkire-Foster columns are for the default cut-off k = 1/3 (score60 >= 20);
-- other k values are computed on request from household rows (area_score_stats). Arrays are indexed
-- by indicator number (1..17) or dimension number (1..5), as in povmap.indicator / povmap.dimension,
-- e.g. `select i.id, s.censored_people[i.number] from area_stats s, povmap.indicator i`.
-- Refresh with: refresh materialized view concurrently area_stats;
drop materialized view if exists area_stats cascade;

create materialized view area_stats as
with grouped as (
  select
    survey_year,
    case grouping(province_code, district_code, subdistrict_code, village_code)
      when 15 then 'TH' when 7 then province_code when 3 then district_code
      when 1 then subdistrict_code else village_code end as code,
    case grouping(province_code, district_code, subdistrict_code, village_code)
      when 15 then 'country' when 7 then 'province' when 3 then 'district'
      when 1 then 'subdistrict' else 'village' end as level,
    count(*)::integer as households,
    sum(members)::integer as people,
    count(*) filter (where deprived <> 0)::integer as target_households,
    coalesce(sum(members) filter (where deprived <> 0), 0)::integer as target_people,
    count(*) filter (where score60 >= 20)::integer as poor_households,
    coalesce(sum(members) filter (where score60 >= 20), 0)::integer as poor_people,
    coalesce(sum(members * score60) filter (where score60 >= 20), 0)::bigint as poor_score60_people,
    -- generated: area_stats_arrays (npm run sql:generate from server/mpi/indicators.ts)
    array[
      count(*) filter (where deprived & 1 <> 0),     -- 1 newborn_weight
      count(*) filter (where deprived & 2 <> 0),     -- 2 hygienic_food
      count(*) filter (where deprived & 4 <> 0),     -- 3 medicine_use
      count(*) filter (where deprived & 8 <> 0),     -- 4 exercise
      count(*) filter (where deprived & 16 <> 0),    -- 5 stable_house
      count(*) filter (where deprived & 32 <> 0),    -- 6 drinking_water
      count(*) filter (where deprived & 64 <> 0),    -- 7 enough_water
      count(*) filter (where deprived & 128 <> 0),   -- 8 tidy_home
      count(*) filter (where deprived & 256 <> 0),   -- 9 preschool_care
      count(*) filter (where deprived & 512 <> 0),   -- 10 compulsory_school
      count(*) filter (where deprived & 1024 <> 0),  -- 11 continue_m4
      count(*) filter (where deprived & 2048 <> 0),  -- 12 adult_literacy
      count(*) filter (where deprived & 4096 <> 0),  -- 13 work_15_59
      count(*) filter (where deprived & 8192 <> 0),  -- 14 work_60_plus
      count(*) filter (where deprived & 16384 <> 0), -- 15 income_threshold
      count(*) filter (where deprived & 32768 <> 0), -- 16 elderly_care
      count(*) filter (where deprived & 65536 <> 0)  -- 17 disabled_care
    ]::integer[] as deprived_households,
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
    array[
      coalesce(sum(members) filter (where deprived & 1 <> 0 and score60 >= 20), 0),     -- 1 newborn_weight
      coalesce(sum(members) filter (where deprived & 2 <> 0 and score60 >= 20), 0),     -- 2 hygienic_food
      coalesce(sum(members) filter (where deprived & 4 <> 0 and score60 >= 20), 0),     -- 3 medicine_use
      coalesce(sum(members) filter (where deprived & 8 <> 0 and score60 >= 20), 0),     -- 4 exercise
      coalesce(sum(members) filter (where deprived & 16 <> 0 and score60 >= 20), 0),    -- 5 stable_house
      coalesce(sum(members) filter (where deprived & 32 <> 0 and score60 >= 20), 0),    -- 6 drinking_water
      coalesce(sum(members) filter (where deprived & 64 <> 0 and score60 >= 20), 0),    -- 7 enough_water
      coalesce(sum(members) filter (where deprived & 128 <> 0 and score60 >= 20), 0),   -- 8 tidy_home
      coalesce(sum(members) filter (where deprived & 256 <> 0 and score60 >= 20), 0),   -- 9 preschool_care
      coalesce(sum(members) filter (where deprived & 512 <> 0 and score60 >= 20), 0),   -- 10 compulsory_school
      coalesce(sum(members) filter (where deprived & 1024 <> 0 and score60 >= 20), 0),  -- 11 continue_m4
      coalesce(sum(members) filter (where deprived & 2048 <> 0 and score60 >= 20), 0),  -- 12 adult_literacy
      coalesce(sum(members) filter (where deprived & 4096 <> 0 and score60 >= 20), 0),  -- 13 work_15_59
      coalesce(sum(members) filter (where deprived & 8192 <> 0 and score60 >= 20), 0),  -- 14 work_60_plus
      coalesce(sum(members) filter (where deprived & 16384 <> 0 and score60 >= 20), 0), -- 15 income_threshold
      coalesce(sum(members) filter (where deprived & 32768 <> 0 and score60 >= 20), 0), -- 16 elderly_care
      coalesce(sum(members) filter (where deprived & 65536 <> 0 and score60 >= 20), 0)  -- 17 disabled_care
    ]::integer[] as censored_people,
    array[
      count(*) filter (where failed_dims & 1 <> 0),  -- 1 health
      count(*) filter (where failed_dims & 2 <> 0),  -- 2 living
      count(*) filter (where failed_dims & 4 <> 0),  -- 3 education
      count(*) filter (where failed_dims & 8 <> 0),  -- 4 income
      count(*) filter (where failed_dims & 16 <> 0)  -- 5 access
    ]::integer[] as dim_failed_households,
    array[
      count(*) filter (where failed_dim_count = 0), -- 0 failed dimensions
      count(*) filter (where failed_dim_count = 1), -- 1 failed dimensions
      count(*) filter (where failed_dim_count = 2), -- 2 failed dimensions
      count(*) filter (where failed_dim_count = 3), -- 3 failed dimensions
      count(*) filter (where failed_dim_count = 4), -- 4 failed dimensions
      count(*) filter (where failed_dim_count = 5)  -- 5 failed dimensions
    ]::integer[] as failed_dim_count_households,
    -- end generated
    array[
      count(*) filter (where vulnerability_level = 0),
      count(*) filter (where vulnerability_level = 1),
      count(*) filter (where vulnerability_level = 2),
      count(*) filter (where vulnerability_level = 3)
    ]::integer[] as vulnerability_households,
    count(*) filter (where vulnerability_level is not null)::integer as vulnerable_households,
    count(*) filter (where welfare_card_holders > 0)::integer as welfare_card_households,
    count(*) filter (where deprived <> 0 and welfare_card_holders > 0)::integer as target_with_card,
    count(*) filter (where deprived <> 0 and welfare_card_holders = 0)::integer as target_without_card,
    coalesce(sum(members) filter (where deprived <> 0 and welfare_card_holders > 0), 0)::integer
      as target_people_with_card,
    coalesce(sum(members) filter (where deprived <> 0 and welfare_card_holders = 0), 0)::integer
      as target_people_without_card,
    count(*) filter (where deprived = 0 and welfare_card_holders > 0)::integer as to_survey_households
  from household
  group by survey_year, rollup (province_code, district_code, subdistrict_code, village_code)
)
select
  g.*,
  g.target_households::double precision / g.households as target_share,
  g.poor_people::double precision / g.people as h,
  case when g.poor_people > 0 then g.poor_score60_people / (60.0 * g.poor_people) else 0 end::double precision as a,
  (g.poor_score60_people / (60.0 * g.people))::double precision as m0,
  -- Stars: a rank-based quintile of the target share among areas of the same level and year, in
  -- which equal shares always share a class (rank() gives ties one rank; no code breaks them):
  --   stars = 5 − ⌊5 × L / n⌋, L = areas of the level and year with a strictly lower target share,
  --                            n = areas of the level and year.
  -- 5 stars: fewer than a fifth of the areas are less poor (the least poor fifth, with every area
  -- tied with it); 1 star: at least four fifths of the areas are less poor. Areas without target
  -- households all have L = 0 and 5 stars. A tie straddling a fifth lifts every member to the better
  -- class, so classes need not hold a fifth each. Shares are exact quotients (IEEE division is
  -- correctly rounded), so equal fractions such as 1/2 and 2/4 compare equal.
  case when g.level = 'country' then null
       else 5 - floor(5.0 * (rank() over (partition by g.level, g.survey_year
                                          order by g.target_households::double precision / g.households) - 1)
                      / count(*) over (partition by g.level, g.survey_year))
  end::smallint as stars
from grouped g;

create unique index area_stats_key on area_stats (code, survey_year);
create index area_stats_level_idx on area_stats (level, survey_year);
