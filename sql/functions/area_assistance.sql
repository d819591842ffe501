-- Logbook progress per area and survey year (the table area_assistance, migration 023): surveyed
-- households, targets (failing at least one indicator), targets helped (at least one 'done' entry),
-- and targets by the status of their latest entry ('none' without one), which the disclosure policy
-- decides on as a partition of the targets. Same grouping as area_stats.
--
-- povmap.area_assistance_rows is the definition: the rows of the areas of `p_provinces` (their
-- villages, subdistricts, districts and the provinces themselves) in the survey years `p_years`;
-- null provinces: every area and the country ('TH'), null years: every year.
-- povmap.refresh_rollup_table('area_assistance', …) makes the table equal to it for those provinces and years (and the
-- country), in the caller's transaction, readers never blocked.
--
-- Refreshed per province and year: an area's row counts only its own households of that year and
-- their logbook entries (joined on the household's year and house code), so no other province's or
-- year's rows can change; the country row is the sum of the province rows (povmap.merge_area_rows).
create or replace function povmap.area_assistance_rows(p_provinces text[] default null, p_years smallint[] default null)
returns table (survey_year smallint, code text, households integer, target_households integer, helped_households integer,
               targets_none integer, targets_planned integer, targets_in_progress integer, targets_done integer)
language plpgsql as $$
#variable_conflict use_column
begin
-- counted per village; the areas above are their villages' sums (povmap.add_parent_area_rows)
drop table if exists area_assistance_villages;
create temp table area_assistance_villages on commit drop as
-- the logbook entries of the scope's households (inlined into both reads below, each planned alone):
-- a house code starts with its province's code, unless its household moved, so each province's
-- entries are one range of house codes on the index (survey year, house code), and the moved-in
-- households' entries are added by key. Filtered by `left(house_code, 2)` alone, every entry of the
-- year was read (1.2 M of the national profile's 2022, twice, for provinces 10 and 14); one range
-- from the lowest province to the highest read every province between (10 and 96: all of them).
-- A union, not an or, so that each part keeps its index.
with logbook as not materialized (
  select a.survey_year, a.house_code, a.status, a.done_on, a.id from assistance_log a
  where p_provinces is null and (p_years is null or a.survey_year = any (p_years))
  union all
  select a.survey_year, a.house_code, a.status, a.done_on, a.id
  from unnest(p_provinces) p
  join assistance_log a on a.house_code between p || '0000000000' and p || '9999999999'
  where p_years is null or a.survey_year = any (p_years)
  union all
  -- (a moved-in household whose code names one of the provinces too is read above)
  select a.survey_year, a.house_code, a.status, a.done_on, a.id
  from povmap.moved_in_houses(p_provinces, p_years) v
  join assistance_log a on a.survey_year = v.survey_year and a.house_code = v.house_code
  where left(v.house_code, 2) <> all (p_provinces)
)
select
  h.survey_year,
  h.village_code as code,
  count(*)::integer as households,
  count(*) filter (where h.deprived <> 0)::integer as target_households,
  count(*) filter (where h.deprived <> 0 and d.house_code is not null)::integer as helped_households,
  count(*) filter (where h.deprived <> 0 and coalesce(l.status, 'none') = 'none')::integer as targets_none,
  count(*) filter (where h.deprived <> 0 and l.status = 'planned')::integer as targets_planned,
  count(*) filter (where h.deprived <> 0 and l.status = 'in_progress')::integer as targets_in_progress,
  count(*) filter (where h.deprived <> 0 and l.status = 'done')::integer as targets_done
from household h
left join (select distinct survey_year, house_code from logbook where status = 'done') d
  on d.survey_year = h.survey_year and d.house_code = h.house_code
-- the latest entry of each household, as povmap.logbook_status picks it
left join (select distinct on (survey_year, house_code) survey_year, house_code, status from logbook
           order by survey_year, house_code, done_on desc, id desc) l
  on l.survey_year = h.survey_year and l.house_code = h.house_code
where (p_provinces is null or h.province_code = any (p_provinces)) and (p_years is null or h.survey_year = any (p_years))
group by h.survey_year, h.village_code;
-- the total of some provinces is no area's: the country row is then summed from the table
perform povmap.add_parent_area_rows('area_assistance_villages', p_country => p_provinces is null);
return query select * from area_assistance_villages;
end
$$;
