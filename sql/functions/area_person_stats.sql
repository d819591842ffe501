-- Rollup of the people (table person) per area x survey year (the table area_person_stats, migration
-- 023): the plan's target groups and the population groups, each as a count of people and a count
-- of the households holding at least one of them (the disclosure policy's cells: a group of 1 to 4 households tells a family's members).
-- Group definitions (README "People and groups"):
--   target_card / target_nocard   1.1 / 1.2: people of target households (failing an indicator,
--                                 deprived <> 0) holding / not holding a welfare card
--   vulnerable                    2: people of vulnerable households (vulnerability_level not null)
--   card_not_target               3.1: welfare card holders of households that are not targets
--   children_0_5                  aged 0–5
--   school_age / school_age_out   aged 6–14 / of them not in education
--   youth / neet                  aged 15–24 / of them neither in education nor employed
--   working_age / working_no_work aged 15–59 / of them neither in education nor employed
--   elderly / elderly_no_care     aged 60+ / of them needing daily care and receiving none
--   disabled / disabled_no_care   disabled / of them receiving no care
--   labour_force                  aged 15–59, asked about unemployment (migration 015), employed or
--                                 unemployed; the denominator of the two below
--   unemployed / underemployed    of the labour force: without work, not studying and looking for
--                                 work / working under 35 hours a week and wanting more
-- Group 3.2 (card holders with no survey record) and 4 (exclusion errors) are not people of the
-- survey: they come from registries (issue 21) and are not in this rollup.
--
-- povmap.area_person_stats_rows is the definition: the rows of the areas of `p_provinces` (their
-- villages, subdistricts, districts and the provinces themselves) in the survey years `p_years`;
-- null provinces: every area and the country ('TH'), null years: every year.
-- povmap.refresh_rollup_table('area_person_stats', …) makes the table equal to it for those provinces and years (and
-- the country), in the caller's transaction, readers never blocked.
--
-- Refreshed per province and year: an area's row counts the people of its own households of that
-- year (person joined to household on year and house code), so no other province's or year's rows
-- can change; the country row is the sum of the province rows (povmap.merge_area_rows).
--
-- How it reads (issue 18: 18.6 s → 8.7 s for provinces 10 and 14 of the national profile): per
-- province and year, the people are counted per household straight off person_province_house_idx,
-- already in house-code order (a streaming group, nothing sorted or spilled), and only those
-- per-household counts meet the household (a join of 1.2 M rows, not of 3.4 M people); a group that
-- needs the household (targets, vulnerable, card holders not targets) is the household's flag
-- applied to its counts. Those counts are grouped per village only, and the areas above are the
-- villages' sums (10.2 s → 6.5 s for the same provinces). enable_sort off makes the planner hash
-- the village groups wherever they fit in work_mem.
-- Each province and year is a branch of one union (written out below), which the planner runs as a
-- parallel append: each branch whole in one process, the processes taking branches in turn, so
-- both cores count (provinces 10 and 14: 7.7–9.8 s → 5.9 s; province 10 alone takes 5.2 s). A
-- branch must stay whole: with a parallel index scan of the households in it, every process
-- counted all of the province's people (hence the minimum sizes for parallel scans, set high).
-- With JIT on (the generator's rollups, server/db/jit.ts) the same query is instead one lateral
-- join over the provinces and years, planned and compiled once. The national profile's rollups
-- phase: 128.2 s with the union compiled (77 branches to compile), 90.9 s with the union and JIT
-- off (its parallel workers took the core on which the generator's other connection counts the
-- households), 70.1 s with this lateral join (66.2 s before the union existed). The generator's
-- two connections alone, at once: the union 76.2 s, the lateral join 56.0 s.
create or replace function povmap.area_person_stats_rows(p_provinces text[] default null, p_years smallint[] default null)
returns table (survey_year smallint, code text, level text, persons integer, persons_households integer,
               target_card integer, target_card_households integer,
               target_nocard integer, target_nocard_households integer,
               vulnerable integer, vulnerable_households integer,
               card_not_target integer, card_not_target_households integer,
               children_0_5 integer, children_0_5_households integer,
               school_age integer, school_age_households integer,
               school_age_out integer, school_age_out_households integer,
               youth integer, youth_households integer,
               neet integer, neet_households integer,
               working_age integer, working_age_households integer,
               working_no_work integer, working_no_work_households integer,
               elderly integer, elderly_households integer,
               elderly_no_care integer, elderly_no_care_households integer,
               disabled integer, disabled_households integer,
               disabled_no_care integer, disabled_no_care_households integer,
               labour_force integer, labour_force_households integer,
               unemployed integer, unemployed_households integer,
               underemployed integer, underemployed_households integer)
language plpgsql set enable_sort = off set min_parallel_index_scan_size = '100GB' set min_parallel_table_scan_size = '100GB' as $$
#variable_conflict use_column
declare
  -- the people of the households of one province (%2$s) in one year (%1$s), counted per household;
  -- of those whose house code is from %3$s (null: the lowest) to before %4$s (null: past the highest)
  branch constant text := $branch$(
    select %1$s::smallint as survey_year, h.province_code, h.district_code, h.subdistrict_code, h.village_code,
           pp.persons,
           case when h.deprived <> 0 then pp.card else 0 end as target_card,
           case when h.deprived <> 0 then pp.persons - pp.card else 0 end as target_nocard,
           case when h.vulnerability_level is not null then pp.persons else 0 end as vulnerable,
           case when h.deprived = 0 then pp.card else 0 end as card_not_target,
           pp.children_0_5, pp.school_age, pp.school_age_out, pp.youth, pp.neet, pp.working_age, pp.working_no_work,
           pp.elderly, pp.elderly_no_care, pp.disabled, pp.disabled_no_care, pp.labour_force, pp.unemployed, pp.underemployed
    from (
      select p.house_code,
             count(*)::integer as persons,
             count(*) filter (where p.welfare_card)::integer as card,
             count(*) filter (where p.age <= 5)::integer as children_0_5,
             count(*) filter (where p.age between 6 and 14)::integer as school_age,
             count(*) filter (where p.age between 6 and 14 and not p.in_education)::integer as school_age_out,
             count(*) filter (where p.age between 15 and 24)::integer as youth,
             count(*) filter (where p.age between 15 and 24 and not p.in_education and not p.employed)::integer as neet,
             count(*) filter (where p.age between 15 and 59)::integer as working_age,
             count(*) filter (where p.age between 15 and 59 and not p.in_education and not p.employed)::integer as working_no_work,
             count(*) filter (where p.age >= 60)::integer as elderly,
             count(*) filter (where p.age >= 60 and p.needs_daily_care and p.receives_care = false)::integer as elderly_no_care,
             count(*) filter (where p.disabled)::integer as disabled,
             count(*) filter (where p.disabled and p.receives_care = false)::integer as disabled_no_care,
             count(*) filter (where p.age between 15 and 59 and p.unemployed is not null and (p.employed or p.unemployed))::integer as labour_force,
             count(*) filter (where p.age between 15 and 59 and p.unemployed)::integer as unemployed,
             count(*) filter (where p.age between 15 and 59 and p.unemployed is not null and p.underemployed)::integer as underemployed
      from person p
      where p.survey_year = %1$s::smallint and p.province_code = %2$s
        and (%3$s::text is null or p.house_code >= %3$s) and (%4$s::text is null or p.house_code < %4$s)
      group by p.house_code
    ) pp
    join household h on h.survey_year = %1$s::smallint and h.province_code = %2$s and h.house_code = pp.house_code
                        and (%3$s::text is null or h.house_code >= %3$s) and (%4$s::text is null or h.house_code < %4$s)
  )$branch$;
  person_years smallint[];
  provinces text[];
  branches text;
  -- a refresh of fewer provinces than this splits each in parts (below)
  few constant integer := 4;
  parts constant integer := 4;
  house_code_bounds text[];
begin
  -- the provinces of the scope, read once for both query shapes below
  select array_agg(a.code order by a.code) into provinces from admin_area a
  where a.level = 'province' and (p_provinces is null or a.code = any (p_provinces));
  -- the survey years with person records (a loose index scan: one probe of an index led by the year per year)
  with recursive y as (
    select min(survey_year) as survey_year from person
    union all
    select (select min(p.survey_year) from person p where p.survey_year > y.survey_year) from y where y.survey_year is not null
  )
  select array_agg(y.survey_year) into person_years from y
  where y.survey_year is not null and (p_years is null or y.survey_year = any (p_years));
  if current_setting('jit')::boolean then
    -- one plan for every province and year of the scope, compiled once (offset 0: each province and
    -- year planned as one unit, never spread around the other joins)
    branches := format($lateral$select x.* from unnest(%L::smallint[]) y(survey_year)
      cross join unnest(%L::text[]) a(code)
      cross join lateral (select * from %s b offset 0) x$lateral$,
      person_years, provinces, format(branch, 'y.survey_year', 'a.code', 'null', 'null'));
  else
    -- An import's refresh names a province or two, and the largest branch bounds the parallel
    -- append: each of them is split in about `parts` ranges of house codes of as many people each,
    -- taken from the planner's histogram of the people's house codes (one bound per 1 % of all
    -- people). The first range starts below the lowest code and the last runs past the highest, so
    -- a household that moved in under another province's code is in one of them. Without
    -- statistics a province stays whole. National, provinces 10 and 14 in 2022 (4,223 rows, the
    -- same either way), alternating, four runs each: whole 5.0, 7.3, 5.1 and 7.1 s; in parts 4.1,
    -- 6.0, 4.9 and 5.1 s (the two cores' work is the bound: province 10 whole was 5 s of it).
    if cardinality(provinces) < few then
      house_code_bounds := (select s.histogram_bounds::text::text[] from pg_stats s
                            where s.schemaname = 'public' and s.tablename = 'person' and s.attname = 'house_code');
    end if;
    with ranges as (
      select a.code, k.low, lead(k.low) over (partition by a.code order by k.low nulls first) as high
      from unnest(provinces) a(code),
           lateral (select null::text as low
                    union all
                    select b.bound from (
                      select h.bound, row_number() over (order by h.bound) as i, count(*) over () as n
                      from unnest(house_code_bounds) h(bound)
                      where h.bound between a.code || '0000000000' and a.code || '9999999999') b
                    -- the bounds where the part changes: n bounds inside the range leave about
                    -- n + 1 buckets of people, the part of bound i is i × parts ÷ (n + 1)
                    where b.i * parts / (b.n + 1) > (b.i - 1) * parts / (b.n + 1)) k
    )
    select string_agg(format(branch, quote_literal(y.year), quote_literal(r.code), coalesce(quote_literal(r.low), 'null'),
                             coalesce(quote_literal(r.high), 'null')), ' union all ' order by y.year, r.code, r.low nulls first) into branches
    from unnest(person_years) y(year), ranges r;
  end if;
  -- counted per village; the areas above are their villages' sums (povmap.add_parent_area_rows).
  -- No province and year in scope: one branch of year null, which finds no one.
  drop table if exists area_person_stats_villages;
  execute format($sql$create temp table area_person_stats_villages on commit drop as
with per_household as (%s)
select per_household.survey_year,
       village_code as code,
       'village'::text as level,
       sum(persons)::integer as persons, count(*)::integer as persons_households,
       sum(target_card)::integer as target_card, count(*) filter (where target_card > 0)::integer as target_card_households,
       sum(target_nocard)::integer as target_nocard, count(*) filter (where target_nocard > 0)::integer as target_nocard_households,
       sum(vulnerable)::integer as vulnerable, count(*) filter (where vulnerable > 0)::integer as vulnerable_households,
       sum(card_not_target)::integer as card_not_target, count(*) filter (where card_not_target > 0)::integer as card_not_target_households,
       sum(children_0_5)::integer as children_0_5, count(*) filter (where children_0_5 > 0)::integer as children_0_5_households,
       sum(school_age)::integer as school_age, count(*) filter (where school_age > 0)::integer as school_age_households,
       sum(school_age_out)::integer as school_age_out, count(*) filter (where school_age_out > 0)::integer as school_age_out_households,
       sum(youth)::integer as youth, count(*) filter (where youth > 0)::integer as youth_households,
       sum(neet)::integer as neet, count(*) filter (where neet > 0)::integer as neet_households,
       sum(working_age)::integer as working_age, count(*) filter (where working_age > 0)::integer as working_age_households,
       sum(working_no_work)::integer as working_no_work, count(*) filter (where working_no_work > 0)::integer as working_no_work_households,
       sum(elderly)::integer as elderly, count(*) filter (where elderly > 0)::integer as elderly_households,
       sum(elderly_no_care)::integer as elderly_no_care, count(*) filter (where elderly_no_care > 0)::integer as elderly_no_care_households,
       sum(disabled)::integer as disabled, count(*) filter (where disabled > 0)::integer as disabled_households,
       sum(disabled_no_care)::integer as disabled_no_care, count(*) filter (where disabled_no_care > 0)::integer as disabled_no_care_households,
       sum(labour_force)::integer as labour_force, count(*) filter (where labour_force > 0)::integer as labour_force_households,
       sum(unemployed)::integer as unemployed, count(*) filter (where unemployed > 0)::integer as unemployed_households,
       sum(underemployed)::integer as underemployed, count(*) filter (where underemployed > 0)::integer as underemployed_households
from per_household
group by per_household.survey_year, village_code$sql$, coalesce(branches, format(branch, 'null', 'null', 'null', 'null')));
-- the total of some provinces is no area's: the country row is then summed from the table
perform povmap.add_parent_area_rows('area_person_stats_villages', p_country => p_provinces is null);
return query select * from area_person_stats_villages;
end
$$;
