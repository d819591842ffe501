-- The solution menu matched to the targets (issue 21; the table menu_match, migration 023): one row
-- per person of a target household (sql/views/55_match_person.sql) and menu item that
--   * addresses at least one of the household's failed indicators (povmap.menu_mask),
--   * serves one of the household's target groups (povmap.household_groups),
--   * fits the person's own eligibility: their welfare card when the item requires one, their age
--     within the item's age band (either end open),
--   * covers the household's area (an item without area codes covers the whole country).
-- Capacity (people per year): each item's capacity goes to its matched people neediest household
-- first (highest deprivation score, then house code, then person number): `allocated` marks those
-- within it. A household is served when at least one of its members has an item with capacity for
-- them; the others are the unmet need (area_menu_need, sql/functions/area_menu_need.sql).
--
-- povmap.menu_match_rows is the definition: the rows of the survey years `p_years` (null: every
-- year). povmap.refresh_rollup_table('menu_match', …) makes the table equal to it for those years, in the caller's
-- transaction, readers never blocked.
--
-- Refreshed per survey year, never per province: an item's capacity is ranked over every matched
-- person of the country in that year (the window is partitioned by year and item), so one
-- province's households moving up or down the ranking moves the priority and the allocation of
-- people anywhere else. Years are independent (a partition never spans two), which is also what
-- lets the year filter apply before the ranking.
create or replace function povmap.menu_match_rows(p_years smallint[] default null)
returns table (survey_year smallint, house_code text, person_no smallint, menu_item_id integer, priority bigint, allocated boolean)
language sql stable as $$
-- materialized: each item's mask once, not once per household and item the join tries
with item as materialized (
  select m.id, m.capacity_per_year, povmap.menu_mask(m.dimension, m.indicators) as mask, m.target_groups,
         m.age_min, m.age_max, m.welfare_card_required, m.area_codes
  from menu_item m
),
candidate as (
  select h.survey_year, h.house_code, p.person_no, i.id as menu_item_id, i.capacity_per_year, h.score60
  from household h
  join match_person p on p.survey_year = h.survey_year and p.house_code = h.house_code
  join item i
    on h.deprived & i.mask <> 0
   and i.target_groups && povmap.household_groups(h.deprived, h.vulnerability_level, h.welfare_card_holders)
   and (not i.welfare_card_required or p.welfare_card)
   and (i.age_min is null or p.age >= i.age_min)
   and (i.age_max is null or p.age <= i.age_max)
   and (cardinality(i.area_codes) = 0
        or array[h.province_code, h.district_code, h.subdistrict_code, h.village_code] && i.area_codes)
  where h.deprived <> 0
    and (p_years is null or (h.survey_year = any (p_years) and p.survey_year = any (p_years)))
)
select c.survey_year, c.house_code, c.person_no, c.menu_item_id,
       row_number() over w as priority,
       row_number() over w <= c.capacity_per_year as allocated
from candidate c
window w as (partition by c.survey_year, c.menu_item_id order by c.score60 desc, c.house_code, c.person_no)
$$;
