-- Place search, step 3 (server/search/places.ts): areas whose Thai or English name contains what a
-- user typed without starting with it, larger areas first, then the shorter name.
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), within (an area code or
-- null: only areas inside it), limit. Codes only.
-- Names are compared through admin_area.search_key (both names as pg_trgm reads them:
-- sql/migrations/004_place_search.sql). When few names contain q the trigram index finds them; when
-- most do ("บ้าน"), the planner walks admin_area_search_order (migration 005) in this order and
-- stops at the limit.
with typed as (
  select cast(:q as text) as q, cast(:q as text) || chr(1114111) as past,
         replace(replace(replace(povmap.place_search_key(:q), '\', '\\'), '%', '\%'), '_', '\_') as pattern
)
select a.code
from admin_area a, typed t
where a.search_key like '%' || t.pattern || '%'
  and not (a.name_th >= t.q and a.name_th < t.past)
  and not coalesce(lower(a.name_en) >= t.q and lower(a.name_en) < t.past, false)
  and (cast(:within as text) is null or (starts_with(a.code, cast(:within as text)) and a.code <> cast(:within as text)))
order by povmap.level_rank(a.level), length(a.name_th), a.code
limit :limit
