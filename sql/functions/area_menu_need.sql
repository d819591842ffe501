-- Needs against the menu per area and survey year (the table area_menu_need, migration 023; same
-- grouping as area_stats, the country is TH): target households, those with at least one member
-- matched to a menu item, those served (an item had capacity left for one of their members,
-- menu_match.allocated) and the unmet need: targets not served, whether no item matches them or
-- every matching item's capacity went to needier targets. served + unmet = targets, a partition the
-- disclosure policy decides on (cells menu_served, menu_unmet).
--
-- povmap.area_menu_need_rows is the definition: the rows of the survey years `p_years` (null: every
-- year). povmap.refresh_rollup_table('area_menu_need', …) makes the table equal to it for those years, in the caller's
-- transaction, readers never blocked; after menu_match, which it reads.
--
-- Refreshed per survey year, never per province: a household is served when an item's capacity,
-- ranked over the whole country in its year (sql/functions/menu_match.sql), reaches one of its
-- members, so households changing in one province can make a household of any other served or not.
create or replace function povmap.area_menu_need_rows(p_years smallint[] default null)
returns table (survey_year smallint, code text, target_households integer, matched_households integer,
               served_households integer, unmet_households integer)
language sql stable as $$
select
  h.survey_year,
  povmap.rollup_code(grouping(h.province_code, h.district_code, h.subdistrict_code, h.village_code), h.province_code, h.district_code, h.subdistrict_code, h.village_code) as code,
  count(*) filter (where h.deprived <> 0)::integer as target_households,
  count(*) filter (where h.deprived <> 0 and m.house_code is not null)::integer as matched_households,
  count(*) filter (where h.deprived <> 0 and m.served)::integer as served_households,
  count(*) filter (where h.deprived <> 0 and not coalesce(m.served, false))::integer as unmet_households
from household h
left join (select x.survey_year, x.house_code, bool_or(x.allocated) as served from menu_match x
           where p_years is null or x.survey_year = any (p_years)
           group by x.survey_year, x.house_code) m
  on m.survey_year = h.survey_year and m.house_code = h.house_code
where p_years is null or h.survey_year = any (p_years)
group by h.survey_year, rollup (h.province_code, h.district_code, h.subdistrict_code, h.village_code)
$$;
