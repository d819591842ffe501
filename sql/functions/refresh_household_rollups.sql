-- The household rollups, area_stats and area_score_stats (tables since migration 014), made equal to
-- their definition below for the areas of `p_provinces` (their villages, subdistricts, districts and
-- the provinces themselves) in the survey years `p_years`, and for the country row; null: every area,
-- every year. Runs in
-- the caller's transaction, so readers see the old rows or the new, never a mix, and are never
-- blocked (rows are written under MVCC). Only rows whose counts changed are written, so an import
-- touching one province rewrites that province's rows and the country's, not the table.
--
-- After an import the caller names the provinces and survey years of the new households and of the
-- households they replaced (sql/import/touched.sql): no other area's households changed, nor any
-- other year's, so no other row's counts did (a new survey year counts only that year's households). The country row is the sum of the province rows (every column is a count or a sum). The
-- stars are a rank among every area of a level and year, so they are ranked again over the whole
-- table (cheap: one row per area) and written where they changed.
--
-- Area codes are Thai geocodes: an area's first two digits are its province's code.
-- Returns the number of rows written or deleted.
--
-- area_stats: counts of people use household members as weights. Alkire-Foster columns are for the
-- default cut-off k = 1/3 (score60 >= 20); other k values are computed on request from
-- area_score_stats. Arrays are indexed by indicator number (1..17) or dimension number (1..5), as in
-- povmap.indicator / povmap.dimension, e.g.
-- `select i.id, s.censored_people[i.number] from area_stats s, povmap.indicator i`.
-- The shares (target_share, h, a, m0) are generated columns of the table (migration 014).
--
-- area_score_stats: the Alkire-Foster rollup for every cut-off k. A household is poor at k when
-- score60 >= ceil(60 k), so grouping each area's households by their score (0..60) is enough to
-- answer any k from rollups: the poor at k are the rows with score60 >= the threshold.
-- (the signature before p_years is dropped: a call with the defaults would match both)
drop function if exists povmap.refresh_household_rollups(text[]);
create or replace function povmap.refresh_household_rollups(p_provinces text[] default null, p_years smallint[] default null)
returns integer
language plpgsql as $$
declare
  -- the rows this refresh rewrites: the provinces' areas (all but the country when null) of the
  -- years (all when null), then the country
  below_country constant text := $s$t.level <> 'country' and ($1 is null or left(t.code, 2) = any ($1))
                                    and ($2 is null or t.survey_year = any ($2))$s$;
  country constant text := $s$t.level = 'country'$s$;
  written integer := 0;
  restarred integer;
begin
  -- one writer at a time: two refreshes writing the same rows in different orders could deadlock
  perform pg_advisory_xact_lock(hashtext('povmap.household_rollups'));

  drop table if exists fresh_area_stats, fresh_area_score_stats, fresh_country_stats, fresh_country_score_stats;
  -- counted per village; the subdistricts, districts and provinces are their villages' sums
  -- (povmap.add_parent_area_rows: every column here is a count or a sum)
  create temp table fresh_area_stats on commit drop as
  select
    survey_year,
    village_code as code,
    'village'::text as level,
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
    count(*) filter (where deprived = 0 and welfare_card_holders > 0)::integer as to_survey_households,
    -- debt and access to finance (migration 015): the households asked, and those with the flag
    count(*) filter (where has_debt is not null)::integer as debt_asked_households,
    count(*) filter (where has_debt)::integer as debt_households,
    count(*) filter (where informal_debt)::integer as informal_debt_households,
    count(*) filter (where finance_access is not null)::integer as finance_asked_households,
    count(*) filter (where not finance_access)::integer as no_finance_households
  from household
  where (p_provinces is null or province_code = any (p_provinces)) and (p_years is null or survey_year = any (p_years))
  group by survey_year, village_code;
  perform povmap.add_parent_area_rows('fresh_area_stats');
  analyze fresh_area_stats;
  written := written + povmap.merge_rollup_rows('area_stats', 'fresh_area_stats', array['code', 'survey_year'],
                                               below_country, p_provinces, p_years);

  create temp table fresh_area_score_stats on commit drop as
  select
  survey_year,
  village_code as code,
  'village'::text as level,
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
  where (p_provinces is null or province_code = any (p_provinces)) and (p_years is null or survey_year = any (p_years))
  group by survey_year, score60, village_code;
  perform povmap.add_parent_area_rows('fresh_area_score_stats', array['score60']);
  analyze fresh_area_score_stats;
  written := written + povmap.merge_rollup_rows('area_score_stats', 'fresh_area_score_stats',
                                               array['code', 'survey_year', 'score60'], below_country, p_provinces, p_years);

  -- the country: the sum of the provinces, now all up to date
  create temp table fresh_country_stats (like fresh_area_stats) on commit drop;
  perform povmap.add_country_rows('fresh_country_stats', 'area_stats');
  written := written + povmap.merge_rollup_rows('area_stats', 'fresh_country_stats', array['code', 'survey_year'],
                                               country);
  create temp table fresh_country_score_stats (like fresh_area_score_stats) on commit drop;
  perform povmap.add_country_rows('fresh_country_score_stats', 'area_score_stats', array['score60']);
  written := written + povmap.merge_rollup_rows('area_score_stats', 'fresh_country_score_stats',
                                               array['code', 'survey_year', 'score60'], country);

  -- Stars: a rank-based quintile of the target share among areas of the same level and year, in
  -- which equal shares always share a class (rank() gives ties one rank; no code breaks them):
  --   stars = 5 − ⌊5 × L / n⌋, L = areas of the level and year with a strictly lower target share,
  --                            n = areas of the level and year.
  -- 5 stars: fewer than a fifth of the areas are less poor (the least poor fifth, with every area
  -- tied with it); 1 star: at least four fifths of the areas are less poor. Areas without target
  -- households all have L = 0 and 5 stars. A tie straddling a fifth lifts every member to the better
  -- class, so classes need not hold a fifth each. Shares are exact quotients (IEEE division is
  -- correctly rounded), so equal fractions such as 1/2 and 2/4 compare equal. The country has none.
  -- fresh planner statistics first: rows written in this transaction are not in them yet, and a
  -- table that looks empty gets a nested-loop self-join here (quadratic on a full refresh)
  analyze area_stats;
  analyze area_score_stats;
  update area_stats s set stars = r.stars
  from (
    select code, survey_year,
           case when level = 'country' then null
                else 5 - floor(5.0 * (rank() over (partition by level, survey_year order by target_share) - 1)
                               / count(*) over (partition by level, survey_year))
           end::smallint as stars
    from area_stats
  ) r
  where s.code = r.code and s.survey_year = r.survey_year and s.stars is distinct from r.stars;
  get diagnostics restarred = row_count;
  return written + restarred;
end
$$;
