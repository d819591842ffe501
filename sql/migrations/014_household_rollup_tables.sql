-- The household rollups area_stats and area_score_stats become tables (issue 18, item 3): a
-- materialized view can only be refreshed whole, so an import touching one province recounted every
-- area of the country. As tables, povmap.refresh_household_rollups(provinces)
-- (sql/functions/refresh_household_rollups.sql, which holds their definition) rewrites only the
-- touched provinces' areas and the country row, in the transaction of the rest of the refresh;
-- readers read the old rows under MVCC meanwhile, never blocked, as with a concurrent refresh.
-- Names, columns and their order stay those of the views, so readers do not change. The shares are
-- generated columns (each a function of its row's counts); stars rank the areas of a level and year
-- and are written by the refresh.
-- The views' dependants (the tile view, …) are dropped with them; the view files, applied after the
-- migrations, make them again.
drop materialized view if exists area_stats cascade;
drop materialized view if exists area_score_stats cascade;

create table area_stats (
  survey_year                 smallint not null,
  code                        text not null,
  level                       text not null,
  households                  integer not null,
  people                      integer not null,
  target_households           integer not null,
  target_people               integer not null,
  poor_households             integer not null,
  poor_people                 integer not null,
  poor_score60_people         bigint not null,
  deprived_households         integer[] not null, -- by indicator number
  deprived_people             integer[] not null,
  censored_people             integer[] not null,
  dim_failed_households       integer[] not null, -- by dimension number
  failed_dim_count_households integer[] not null, -- households failing 0, 1, … 5 dimensions
  vulnerability_households    integer[] not null, -- vulnerability levels 0..3
  vulnerable_households       integer not null,
  welfare_card_households     integer not null,
  target_with_card            integer not null,
  target_without_card         integer not null,
  target_people_with_card     integer not null,
  target_people_without_card  integer not null,
  to_survey_households        integer not null,
  target_share double precision generated always as (target_households::double precision / households) stored,
  h            double precision generated always as (poor_people::double precision / people) stored,
  a            double precision generated always as
                 (case when poor_people > 0 then poor_score60_people / (60.0 * poor_people) else 0 end::double precision) stored,
  m0           double precision generated always as ((poor_score60_people / (60.0 * people))::double precision) stored,
  stars        smallint,  -- null for the country
  constraint area_stats_key primary key (code, survey_year)
);
create index area_stats_level_idx on area_stats (level, survey_year);
-- a refresh of some provinces finds their areas' rows by the code's first two digits
create index area_stats_province_idx on area_stats (left(code, 2));

create table area_score_stats (
  survey_year       smallint not null,
  code              text not null,
  level             text not null,
  score60           smallint not null,
  households        integer not null,
  people            integer not null,
  deprived_people   integer[] not null, -- people in households of this score failing indicator j
  dim_failed_people integer[] not null, -- … failing dimension d
  constraint area_score_stats_key primary key (code, survey_year, score60)
);
create index area_score_stats_level_idx on area_score_stats (level, survey_year, score60);
create index area_score_stats_province_idx on area_score_stats (left(code, 2));

-- The tables start empty: a migration calls no repeatable function that reads the data, because
-- the functions are always the newest (applied before the migrations) and may count columns a later
-- migration adds. A database with households is counted after its migrations, by the data's
-- readiness check (ensureDerivedData, server/db/refresh.ts).
