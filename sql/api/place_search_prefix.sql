-- Place search, step 2 (server/search/places.ts): areas whose Thai or English name starts with what
-- a user typed and is longer, larger areas first, then the shorter name.
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), within (an area code or
-- null: only areas inside it), limit. Codes only.
-- A prefix is a range in the database's C collation (names from q up to q followed by the last code
-- point). When few names start with q the btree ranges of sql/migrations/005_place_search_order.sql
-- find them; when most do ("หมู่", the start of every village's name) the planner walks
-- admin_area_search_order in this order and stops at the limit.
with typed as (select cast(:q as text) as q, cast(:q as text) || chr(1114111) as past)
select a.code
from admin_area a, typed t
where ((a.name_th > t.q and a.name_th < t.past) or (lower(a.name_en) > t.q and lower(a.name_en) < t.past))
  and a.name_th <> t.q and coalesce(lower(a.name_en) <> t.q, true)
  and (cast(:within as text) is null or (starts_with(a.code, cast(:within as text)) and a.code <> cast(:within as text)))
order by povmap.level_rank(a.level), length(a.name_th), a.code
limit :limit
