-- The place search's typo step in a bounded time (issue 17: p95 ≤ 50 ms on the national profile).
-- It compared each area's whole search_key (004), village number included, nearest first through a
-- trigram GiST index: a village's name is shared by hundreds of villages under different numbers,
-- so a typo was equally close to all of them, and the index walk read about 1,450 pages for ten.
-- Now the typo step compares the names without the village number (povmap.place_search_typo_key)
-- and walks the distinct ones: place_search_name, kept by triggers, a few thousand keys against
-- 85,000 areas; their areas are then read through admin_area_typo_key. The statements are
-- sql/api/place_search_similar.sql and place_search_similar_within.sql.
alter table admin_area add column typo_key text
  generated always as (povmap.place_search_typo_key(name_th) || ' ' || povmap.place_search_typo_key(coalesce(name_en, ''))) stored;
create index admin_area_typo_key on admin_area (typo_key);

create table place_search_name (typo_key text primary key);
insert into place_search_name select distinct typo_key from admin_area;
-- A larger signature than pg_trgm's default 12 bytes: with it every inner page of the index had
-- nearly all bits set and told the nearest-first walk nothing (p50 25 ms against 6 ms at 256).
create index place_search_name_trgm on place_search_name using gist (typo_key gist_trgm_ops (siglen = 256));

-- transition tables allow one event per trigger
create trigger admin_area_place_search_insert after insert on admin_area
  referencing new table as new_areas
  for each statement execute function povmap.place_search_name_follow_areas();
create trigger admin_area_place_search_update after update on admin_area
  referencing old table as old_areas new table as new_areas
  for each statement execute function povmap.place_search_name_follow_areas();
create trigger admin_area_place_search_delete after delete on admin_area
  referencing old table as old_areas
  for each statement execute function povmap.place_search_name_follow_areas();
create trigger admin_area_place_search_truncate after truncate on admin_area
  for each statement execute function povmap.place_search_name_follow_areas();

-- the typo step no longer walks the whole keys; the GIN index of 004 still serves "contains"
drop index admin_area_search_key_gist;
analyze admin_area, place_search_name;
