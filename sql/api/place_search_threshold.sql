-- How close a name must be to count as a typo, for the rest of this transaction only (the place
-- search's last step, sql/api/place_search_similar.sql; the value is WORD_SIMILARITY_THRESHOLD in
-- server/search/places.ts). Parameter (named binding): threshold, as text.
select set_config('pg_trgm.word_similarity_threshold', :threshold, true)
