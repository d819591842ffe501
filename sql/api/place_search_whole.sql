-- Place search, step 1 (server/search/places.ts): areas whose Thai or English name is exactly what
-- a user typed, larger areas first (a province before the villages named after it), then the code.
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), within (an area code or
-- null: only areas inside it), limit. Codes only: the names come from place_search_names.sql.
select a.code
from admin_area a
where (a.name_th = :q or lower(a.name_en) = :q)
  and (cast(:within as text) is null or (starts_with(a.code, cast(:within as text)) and a.code <> cast(:within as text)))
order by povmap.level_rank(a.level), length(a.name_th), a.code
limit :limit
