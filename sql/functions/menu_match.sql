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
language sql stable parallel safe as $$
-- How it reads (issue 18): the masks first, the members last.
--   * Each item's and each target household's masks are made once (materialized): the item's
--     indicators and target groups as bits (the groups' bits from povmap.household_groups, the one
--     definition).
--   * The integer tests run once per kind of household, a (deprived, groups) pair, not once per
--     household: the national profile's 615,355 targets are 16,083 kinds, so 1.4 M tests instead of
--     55 M. Only the pairs that pass read the area codes.
--   * The members are the target households' people, joined anew from household rather than from
--     the materialized targets, which only one process can read: so the planner may read person
--     in parallel and hash it (the 1.8 M members of the national profile's 36 M people), or go
--     down the province's index when provinces are named.
--   * Marked parallel safe (it only reads) so that plans of the statements calling it may use
--     parallel workers at all.
--   Measured as povmap.refresh_menu_match runs it (a temporary table made from it by EXECUTE …
--   USING; national, alternating with the previous definition): the whole country 47.4 and 37.5 s
--   → 22.2 and 23.9 s; provinces 10 and 14: 4.4 and 2.3 s → 1.8 and 1.6 s; the same rows.
with item as materialized (
  select m.id, povmap.menu_mask(m.dimension, m.indicators) as mask,
         (select coalesce(sum(1 << g), 0) from unnest(m.target_groups) g)::integer as group_bits,
         m.age_min, m.age_max, m.welfare_card_required, m.area_codes, cardinality(m.area_codes) = 0 as everywhere
  from menu_item m
), target as materialized (
  select h.survey_year, h.house_code, h.score60, h.deprived,
         (select coalesce(sum(1 << g), 0)
          from unnest(povmap.household_groups(h.deprived, h.vulnerability_level, h.welfare_card_holders)) g)::integer as group_bits,
         array[h.province_code, h.district_code, h.subdistrict_code, h.village_code] as codes
  from household h
  where h.deprived <> 0
    and (p_provinces is null or h.province_code = any (p_provinces)) and (p_years is null or h.survey_year = any (p_years))
), kind as materialized (
  -- the items each kind of target household meets on its indicators and groups
  select k.deprived, k.group_bits, i.id, i.age_min, i.age_max, i.welfare_card_required, i.everywhere, i.area_codes
  from (select distinct t.deprived, t.group_bits from target t) k
  join item i on k.deprived & i.mask <> 0 and k.group_bits & i.group_bits <> 0
), pair as materialized (
  select t.survey_year, t.house_code, t.score60, k.id, k.age_min, k.age_max, k.welfare_card_required
  from target t
  join kind k on k.deprived = t.deprived and k.group_bits = t.group_bits
  where k.everywhere or t.codes && k.area_codes
), member as materialized (
  select p.survey_year, p.house_code, p.person_no, p.age, p.welfare_card
  from household h
  join match_person p on p.survey_year = h.survey_year and p.house_code = h.house_code
   and (p_provinces is null or p.province_code = any (p_provinces)) and (p_years is null or p.survey_year = any (p_years))
  where h.deprived <> 0
    and (p_provinces is null or h.province_code = any (p_provinces)) and (p_years is null or h.survey_year = any (p_years))
)
select x.survey_year, x.house_code, p.person_no, x.id, x.score60
from pair x
join member p on p.survey_year = x.survey_year and p.house_code = x.house_code
where (not x.welfare_card_required or p.welfare_card)
  and (x.age_min is null or p.age >= x.age_min)
  and (x.age_max is null or p.age <= x.age_max)
  -- no menu, no matches: checked once before anything is read (a gating condition), since the
  -- members were otherwise read and hashed all the same, 9.1 s of a generation's rollups on the
  -- national profile, which has no menu until setup seeds one and matches it again
  and exists (select from menu_item)
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
