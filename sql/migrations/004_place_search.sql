-- Place search (issue 17): finding a province, district, subdistrict or village by its Thai or
-- English name, by prefix and despite a typo. search_key holds both names as pg_trgm can read them
-- (povmap.place_search_key, sql/functions/place_search_key.sql: Thai spelt in digits, English
-- lower-cased), stored as a generated column so imported boundaries get it too, and computing it
-- for every candidate at search time would cost seconds. Its trigram GIN index serves both LIKE (a
-- name containing what was typed) and word similarity (a name close to it). The statement is
-- sql/api/place_search.sql. (003 is the disclosure policy's migration.)
create extension if not exists pg_trgm;
alter table admin_area add column search_key text
  generated always as (povmap.place_search_key(name_th) || ' ' || lower(coalesce(name_en, ''))) stored;
create index admin_area_search_key_trgm on admin_area using gin (search_key gin_trgm_ops);
analyze admin_area;
