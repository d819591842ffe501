-- What the place search's typo step compares (issue 17; sql/api/place_search_similar*.sql): a name
-- spelt as pg_trgm can read it (povmap.place_search_key) without a village's number in front.
-- Village names start with their number ("หมู่ 16 บ้านทุ่งเหนือ", "Mu 16 Ban Thung Nuea"), and one
-- village name is shared by hundreds of villages under different numbers. With the number in the
-- key, a typo of "บ้านทุ่งเหนือ" is equally close to all of them and to every other "หมู่ 16 บ้าน…",
-- and the nearest-first index walk read thousands of names to rank ten (p95 70-150 ms on the
-- national profile). Without it, the names are a few thousand distinct keys (place_search_name,
-- sql/migrations/024_place_search_typo.sql) and a typo is matched against the name itself; the
-- number stays in every result's name. A typo in the number word itself ("หมุ่") leaves it in: the
-- name is then a little further from its own key, still found.
create or replace function povmap.place_search_typo_key(name text) returns text
language sql immutable strict parallel safe as $$
  select povmap.place_search_key(regexp_replace(name, '^\s*(หมู่|หมู|mu|moo)\s*[0-9]+\s+', '', 'i'))
$$;
