-- The solution menu matched to the targets (issue 21; the table menu_match, migrations 023 and 025):
-- one row per person of a target household (sql/views/55_match_person.sql) and menu item that
--   * addresses at least one of the household's failed indicators (povmap.menu_mask),
--   * serves one of the household's target groups (povmap.household_groups),
--   * fits the person's own eligibility: their welfare card when the item requires one, their age
--     within the item's age band (either end open),
--   * covers the household's area (an item without area codes covers the whole country).
-- Capacity (people per year): each item's queue is its matched people of the country in a year,
-- neediest household first (highest deprivation score, then house code, then person number); the
-- capacity goes to the queue's first people (`allocated`). A household is served when at least one
-- of its members has an item with capacity for them; the others are the unmet need (area_menu_need,
-- sql/functions/area_menu_need.sql).

-- (the definitions before migration 025 returned the place in the queue: dropped, their columns differ)
drop function if exists povmap.menu_match_rows(smallint[]);

-- The matches of the households of `p_provinces` (null: every area) in the survey years `p_years`
-- (null: every year), with the household's score, without the allocation: what a household's own
-- rows decide, so a change in one province changes no other province's matches.
create or replace function povmap.menu_match_candidates(p_provinces text[] default null, p_years smallint[] default null)
returns table (survey_year smallint, house_code text, person_no smallint, menu_item_id integer, score60 smallint)
language sql stable as $$
-- materialized: each item's mask once, not once per household and item the join tries
with item as materialized (
  select m.id, povmap.menu_mask(m.dimension, m.indicators) as mask, m.target_groups,
         m.age_min, m.age_max, m.welfare_card_required, m.area_codes
  from menu_item m
)
select h.survey_year, h.house_code, p.person_no, i.id, h.score60
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
  and (p_provinces is null or (h.province_code = any (p_provinces) and p.province_code = any (p_provinces)))
  and (p_years is null or (h.survey_year = any (p_years) and p.survey_year = any (p_years)))
$$;

-- The definition of the table menu_match for the survey years `p_years` (null: every year), from
-- scratch: every match of the country, each item's capacity given down its queue in one window.
-- The table is kept equal to it by povmap.refresh_menu_match, which gets there without ranking
-- the whole country (sql/functions/refresh_menu_match.sql); the tests compare the two.
create or replace function povmap.menu_match_rows(p_years smallint[] default null)
returns table (survey_year smallint, house_code text, person_no smallint, menu_item_id integer, score60 smallint, allocated boolean)
language sql stable as $$
select c.survey_year, c.house_code, c.person_no, c.menu_item_id, c.score60,
       row_number() over (partition by c.survey_year, c.menu_item_id order by c.score60 desc, c.house_code, c.person_no)
         <= m.capacity_per_year as allocated
from povmap.menu_match_candidates(null, p_years) c
join menu_item m on m.id = c.menu_item_id
$$;
