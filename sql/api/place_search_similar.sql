-- Place search, step 4 (server/search/places.ts), run only when no name contains what a user typed
-- (a typo): the names closest to it by pg_trgm word similarity, at least the transaction's
-- pg_trgm.word_similarity_threshold, closest first, then larger areas, then the shorter name.
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), within (an area code or
-- null: only areas inside it), limit. Codes only.
-- The trigram GiST index (sql/migrations/005_place_search_order.sql) returns names nearest first
-- and stops at the limit: a whole village name ("หมู่ 16 บ้าน…") is close to tens of thousands of
-- others, and ranking them all took seconds.
with typed as (select povmap.place_search_key(:q) as key),
nearest as (
  select a.code, a.level, a.name_th, t.key <<-> a.search_key as distance
  from admin_area a, typed t
  where t.key <% a.search_key
    and (cast(:within as text) is null or (starts_with(a.code, cast(:within as text)) and a.code <> cast(:within as text)))
  order by t.key <<-> a.search_key
  limit :limit
)
select code from nearest
order by distance, povmap.level_rank(level), length(name_th), code
