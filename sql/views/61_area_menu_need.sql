-- Needs against the menu per area and survey year (same grouping as area_stats; the country is TH):
-- target households, those with at least one member matched to a menu item, those served (an item
-- had capacity left for one of their members, menu_match.allocated) and the unmet need: targets not served, whether no item
-- matches them or every matching item's capacity went to needier targets. served + unmet =
-- targets, a partition the disclosure policy decides on (cells menu_served, menu_unmet).
-- Refresh with: refresh materialized view concurrently area_menu_need (after menu_match).
drop materialized view if exists area_menu_need cascade;

create materialized view area_menu_need as
select
  h.survey_year,
  case grouping(h.province_code, h.district_code, h.subdistrict_code, h.village_code)
    when 15 then 'TH' when 7 then h.province_code when 3 then h.district_code
    when 1 then h.subdistrict_code else h.village_code end as code,
  count(*) filter (where h.deprived <> 0)::integer as target_households,
  count(*) filter (where h.deprived <> 0 and m.house_code is not null)::integer as matched_households,
  count(*) filter (where h.deprived <> 0 and m.served)::integer as served_households,
  count(*) filter (where h.deprived <> 0 and not coalesce(m.served, false))::integer as unmet_households
from household h
left join (select survey_year, house_code, bool_or(allocated) as served from menu_match group by survey_year, house_code) m
  on m.survey_year = h.survey_year and m.house_code = h.house_code
group by h.survey_year, rollup (h.province_code, h.district_code, h.subdistrict_code, h.village_code);
create unique index area_menu_need_key on area_menu_need (code, survey_year);
