-- Place search, step 4 inside one area (server/search/places.ts; `within`, a province's page): the
-- areas inside it whose name, without a village's number, is closest to what was typed, in the
-- order of place_search_similar.sql. A province holds about 1,100 areas: each is compared, found by
-- the range of codes that extend the area's (codes are digits, and '~' sorts after them).
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), within (an area code),
-- limit. Codes only.
with typed as (select povmap.place_search_typo_key(:q) as key)
select a.code
from admin_area a, typed t
where a.code > cast(:within as text) and a.code < cast(:within as text) || '~'
  and t.key <% a.typo_key
order by t.key <<-> a.typo_key, povmap.level_rank(a.level), length(a.name_th), a.code
limit :limit
