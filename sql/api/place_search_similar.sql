-- Place search, step 4 (server/search/places.ts), run only when no name contains what a user typed
-- (a typo), over the whole country: the areas whose name, without a village's number, is closest
-- to it by pg_trgm word similarity, at least the transaction's pg_trgm.word_similarity_threshold;
-- closest first, then larger areas, then the shorter name, then the code.
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), limit. Codes only.
-- The nearest distinct names come first (povmap.place_search_nearest_names: a nearest-first index
-- walk over a few thousand keys, ties at the end kept), then their areas by admin_area_typo_key: the
-- `limit` best areas are among the areas of the `limit` nearest names, since each name has one area
-- at least (sql/migrations/024_place_search_typo.sql).
select a.code
from povmap.place_search_nearest_names(povmap.place_search_typo_key(:q), :limit) n
join admin_area a on a.typo_key = n.typo_key
order by n.distance, povmap.level_rank(a.level), length(a.name_th), a.code
limit :limit
