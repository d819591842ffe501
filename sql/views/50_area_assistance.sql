-- Logbook progress per area and survey year: surveyed households, targets (failing at least one
-- indicator), and targets helped (at least one 'done' entry). Same grouping as area_stats.
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
  count(*) filter (where h.deprived <> 0 and d.house_code is not null)::integer as helped_households
from household h
left join (select distinct survey_year, house_code from assistance_log where status = 'done') d
  on d.survey_year = h.survey_year and d.house_code = h.house_code
group by h.survey_year, rollup (h.province_code, h.district_code, h.subdistrict_code, h.village_code);
create unique index area_assistance_key on area_assistance (code, survey_year);
