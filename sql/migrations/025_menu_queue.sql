-- The solution menu's matches refreshed for the provinces that changed (issue 18 item 3). Before, a
-- change in one province matched every household of the country again and numbered every person's
-- place in every item's queue (menu_match.priority): 305 s a year on the national profile, and a
-- rank that shifts by one for everyone behind a changed household rewrites millions of rows.
-- Now menu_match keeps what a person's own household decides (the match and the household's score,
-- the key of the queue) and whether the capacity reaches the person (allocated). The place in the
-- queue is counted when read (povmap.menu_queue_place) from menu_queue_count, the queue's length per
-- item, score and province, and from the index of the queue order within one province.
-- The refresh is povmap.refresh_menu_match (sql/functions/refresh_menu_match.sql).
drop table menu_match;
create table menu_match (
  survey_year  smallint not null,
  house_code   text not null,
  person_no    smallint not null,
  menu_item_id integer not null,
  -- the household's deprivation score: the queue is neediest household first
  score60      smallint not null,
  -- the merge inserts a new match as not allocated; the allocation that follows decides
  allocated    boolean not null default false,
  constraint menu_match_key primary key (survey_year, house_code, person_no, menu_item_id)
);
-- each item's queue in order (the capacity's first people; a person's place within a province)
create index menu_match_queue_idx on menu_match (survey_year, menu_item_id, score60 desc, house_code, person_no);
-- the people the capacity reaches, few against the matches (45,550 of 8.1 M on the national profile)
create index menu_match_allocated_idx on menu_match (survey_year, menu_item_id) where allocated;

-- The length of each item's queue per score and province: the people ahead of a person are those
-- of higher scores, then those of the same score in provinces of lower codes, then those counted
-- in the person's own province (house codes start with the province's).
create table menu_queue_count (
  survey_year   smallint not null,
  menu_item_id  integer not null,
  score60       smallint not null,
  province_code text not null,
  people        integer not null,
  constraint menu_queue_count_key primary key (survey_year, menu_item_id, score60, province_code)
);

-- Both start empty (a migration calls no repeatable function that reads the data; see 014): a
-- database with matches before fills them in its readiness check (ensureDerivedData, server/db/refresh.ts).
