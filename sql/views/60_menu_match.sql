-- The solution menu matched to the targets (issue 21): one row per person of a target household
-- (sql/views/55_match_person.sql) and menu item that
--   * addresses at least one of the household's failed indicators (povmap.menu_mask),
--   * serves one of the household's target groups (povmap.household_groups),
--   * fits the person's own eligibility: their welfare card when the item requires one, their age
--     within the item's age band (either end open),
--   * covers the household's area (an item without area codes covers the whole country).
-- Capacity (people per year): each item's capacity goes to its matched people neediest household
-- first (highest deprivation score, then house code, then person number): `allocated` marks those
-- within it. A household is served when at least one of its members has an item with capacity for
-- them; the others are the unmet need (61_area_menu_need.sql).
-- Refresh with: refresh materialized view concurrently menu_match (sql/refresh/menu.sql).
drop materialized view if exists menu_match cascade;

create materialized view menu_match as
with item as (
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
)
select survey_year, house_code, person_no, menu_item_id,
       row_number() over w as priority,
       row_number() over w <= capacity_per_year as allocated
from candidate
window w as (partition by survey_year, menu_item_id order by score60 desc, house_code, person_no);
create unique index menu_match_key on menu_match (survey_year, house_code, person_no, menu_item_id);
create index menu_match_item_idx on menu_match (menu_item_id, survey_year);
