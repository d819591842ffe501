-- The typo keys (place_search_name) nearest to `p_key` by pg_trgm word-similarity distance, at
-- least the transaction's pg_trgm.word_similarity_threshold: the `p_count` nearest and every key
-- as near as the last of them, nearest first (sql/api/place_search_similar.sql ranks their areas).
-- The keys tied with the last one are what a plain LIMIT would cut at random: the areas behind them
-- may rank before others of the same distance (a larger area, a shorter name). A loop, because the
-- nearest-first GiST scan is read row by row and stops at the first key further away; a query
-- cannot say "until the distance grows" and would rank every key above the threshold.
--   rows 10: about as many keys as asked for, so that their areas are read through the index on
--   admin_area.typo_key (at the default estimate, 1,000, the planner scanned all areas).
--   Not parallel safe: it depends on the transaction's threshold, and a parallel worker cannot take
--   part in the transaction's set_config (it found nothing at all).
create or replace function povmap.place_search_nearest_names(p_key text, p_count integer)
returns table (typo_key text, distance real)
language plpgsql stable parallel restricted rows 10 as $$
declare
  r record;
  taken integer := 0;
begin
  for r in
    select n.typo_key as key, p_key <<-> n.typo_key as d
    from place_search_name n
    where p_key <% n.typo_key
    order by p_key <<-> n.typo_key
  loop
    exit when taken >= p_count and r.d > distance;
    typo_key := r.key;
    distance := r.d;
    taken := taken + 1;
    return next;
  end loop;
end
$$;
