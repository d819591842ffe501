-- Place search in a bounded time whatever was typed (issue 17: p95 ≤ 50 ms). Village names are
-- "หมู่ 2 บ้านทุ่งเหนือ": three letters such as "บ้า" are inside nearly all 85,000 names, and ranking
-- every one of them took 0.3 to 0.8 s. The search now runs in steps (server/search/places.ts), each
-- served by an index that stops after the first rows it needs:
--   the whole name, and names starting with what was typed: btree on name_th and lower(name_en)
--   (the database's C collation orders them by bytes, so a prefix is a range);
--   names starting with or containing it, when most names do: admin_area_search_order, walked in
--   the ranking's own order (larger areas first, then the shorter name) until enough have matched;
create index admin_area_name_th_prefix on admin_area (name_th);
create index admin_area_name_en_prefix on admin_area (lower(name_en));
-- (it carries the columns the steps test, so the walk reads no table page: an index-only scan)
create index admin_area_search_order on admin_area (povmap.level_rank(level), length(name_th), code)
  include (level, name_th, name_en, search_key);
analyze admin_area;
-- names close to a typo, nearest first (pg_trgm's GiST index orders by word-similarity distance;
-- the GIN index of 004 can only filter)
create index admin_area_search_key_gist on admin_area using gist (search_key gist_trgm_ops);
