-- The accessibility rollup's counts and sums per area and survey year (the table area_access_counts,
-- migration 027; the view area_access_stats, sql/views/40_area_access_stats.sql, adds the shares
-- and means): households, those with a distance (located), the target households (failing at least
-- one indicator) located and farther than 5 and 10 km from the nearest school and clinic, the sums
-- of the distances, and the villages' 2SFCA demand and the capacity it reaches.
--
-- povmap.area_access_counts_rows is the definition: the rows of the areas of `p_provinces` (their
-- villages, subdistricts, districts and the provinces themselves) in the survey years `p_years`;
-- null provinces: every area and the country ('TH'), null years: every year.
-- povmap.refresh_rollup_table('area_access_counts', …) makes the table equal to it for those
-- provinces and years (and the country), in the caller's transaction, readers never blocked.
--
-- Refreshed per province and year: an area's row counts only its own households' distances of that
-- year and its own villages' demand points, so no other province's or year's rows can change; the
-- country row is the sum of the province rows (povmap.merge_area_rows). The sums are exact: a sum of
-- doubles depends on the order of the rows in its last bits, and the country's sum of its provinces
-- would then differ from a count of every household. Each distance (a real) is counted in units of
-- 2^-32 m, an integer: exactly the real's value for every distance of 2^-9 m (about 2 mm) or more
-- (a real below that has bits finer than 2^-32, which are rounded off; none is that close on the
-- national profile, whose nearest is 0.25 m), and 2^32 times the longest geodesic on Earth
-- (2.0e7 m) is well within a bigint. sum(bigint) adds in 128-bit integers; the total times the
-- exact decimal of 2^-32 is a numeric in metres. Converting each real to numeric instead (through its 15-digit
-- decimal text) took 11.6 s where this takes 2.5 s, every household of the national profile
-- (RESULTS.md, generate, session 54); the two totals differ by under 1e-15 of a village's.
create or replace function povmap.area_access_counts_rows(p_provinces text[] default null, p_years smallint[] default null)
returns table (survey_year smallint, code text, level text, households integer, school_located integer, clinic_located integer,
               target_households integer, target_school_located integer, target_clinic_located integer,
               target_school_far_5km integer, target_school_far_10km integer, target_clinic_far_5km integer, target_clinic_far_10km integer,
               target_school_m_sum numeric, target_clinic_m_sum numeric, school_m_sum numeric, clinic_m_sum numeric,
               demand_people bigint, clinic_capacity_reached numeric)
language plpgsql as $$
#variable_conflict use_column
begin
-- counted per village with its demand point; the areas above are their villages' sums
-- (povmap.add_parent_area_rows)
drop table if exists area_access_counts_villages;
create temp table area_access_counts_villages on commit drop as
select
  v.survey_year,
  v.village_code as code,
  'village'::text as level,
  v.households, v.school_located, v.clinic_located,
  v.target_households, v.target_school_located, v.target_clinic_located,
  v.target_school_far_5km, v.target_school_far_10km, v.target_clinic_far_5km, v.target_clinic_far_10km,
  v.target_school_m_sum, v.target_clinic_m_sum, v.school_m_sum, v.clinic_m_sum,
  d.people::bigint as demand_people,
  d.people * coalesce(d.clinic_2sfca, 0)::numeric as clinic_capacity_reached
from (
  select a.survey_year, a.village_code,
         count(*)::integer as households,
         count(a.school_m)::integer as school_located,
         count(a.clinic_m)::integer as clinic_located,
         count(*) filter (where a.target)::integer as target_households,
         count(a.school_m) filter (where a.target)::integer as target_school_located,
         count(a.clinic_m) filter (where a.target)::integer as target_clinic_located,
         count(*) filter (where a.target and a.school_m > 5000)::integer as target_school_far_5km,
         count(*) filter (where a.target and a.school_m > 10000)::integer as target_school_far_10km,
         count(*) filter (where a.target and a.clinic_m > 5000)::integer as target_clinic_far_5km,
         count(*) filter (where a.target and a.clinic_m > 10000)::integer as target_clinic_far_10km,
         -- metres in units of 2^-32 (see above), summed, then in metres again
         sum((a.school_m::double precision * 4294967296)::bigint) filter (where a.target) * 0.00000000023283064365386962890625 as target_school_m_sum,
         sum((a.clinic_m::double precision * 4294967296)::bigint) filter (where a.target) * 0.00000000023283064365386962890625 as target_clinic_m_sum,
         sum((a.school_m::double precision * 4294967296)::bigint) * 0.00000000023283064365386962890625 as school_m_sum,
         sum((a.clinic_m::double precision * 4294967296)::bigint) * 0.00000000023283064365386962890625 as clinic_m_sum
  from household_access a
  where (p_provinces is null or a.province_code = any (p_provinces)) and (p_years is null or a.survey_year = any (p_years))
  group by a.survey_year, a.village_code
) v
-- the demand point of the same village and year (both are written from the same households)
left join access_village d on d.survey_year = v.survey_year and d.village_code = v.village_code;
-- the total of some provinces is no area's: the country row is then summed from the table
perform povmap.add_parent_area_rows('area_access_counts_villages', p_country => p_provinces is null);
return query select * from area_access_counts_villages;
end
$$;
