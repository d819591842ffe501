-- Logbook progress per area and survey year: surveyed households, targets (failing at least one
-- indicator), targets helped (at least one 'done' entry), and targets by the status of their latest
-- entry ('none' without one), which the disclosure policy decides on as a partition of the targets.
-- Same grouping as area_stats.
-- Refresh with: refresh materialized view concurrently area_assistance;
drop materialized view if exists area_assistance cascade;

create materialized view area_assistance as
select
  h.survey_year,
  case grouping(h.province_code, h.district_code, h.subdistrict_code, h.village_code)
    when 15 then 'TH' when 7 then h.province_code when 3 then h.district_code
    when 1 then h.subdistrict_code else h.village_code end as code,
  count(*)::integer as households,
  count(*) filter (where h.deprived <> 0)::integer as target_households,
  count(*) filter (where h.deprived <> 0 and d.house_code is not null)::integer as helped_households,
  count(*) filter (where h.deprived <> 0 and coalesce(l.status, 'none') = 'none')::integer as targets_none,
  count(*) filter (where h.deprived <> 0 and l.status = 'planned')::integer as targets_planned,
  count(*) filter (where h.deprived <> 0 and l.status = 'in_progress')::integer as targets_in_progress,
  count(*) filter (where h.deprived <> 0 and l.status = 'done')::integer as targets_done
from household h
left join (select distinct survey_year, house_code from assistance_log where status = 'done') d
  on d.survey_year = h.survey_year and d.house_code = h.house_code
-- the latest entry of each household, as povmap.logbook_status picks it
left join (select distinct on (survey_year, house_code) survey_year, house_code, status from assistance_log
           order by survey_year, house_code, done_on desc, id desc) l
  on l.survey_year = h.survey_year and l.house_code = h.house_code
group by h.survey_year, rollup (h.province_code, h.district_code, h.subdistrict_code, h.village_code);
create unique index area_assistance_key on area_assistance (code, survey_year);
