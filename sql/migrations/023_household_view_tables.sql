-- The rollups besides the household rollups become tables (issue 18, item 3), as area_stats and
-- area_score_stats did in migration 014: area_assistance, area_person_stats, menu_match,
-- area_menu_need and area_registry_stats. A materialized view can only be refreshed whole, so after
-- an import of two provinces' households of one year each of them was computed again for every area
-- of every year (on the national data menu_match alone took 13 minutes). As tables, their refresh
-- functions (sql/functions/area_assistance.sql, …, each beside the definition it stores) rewrite only
-- the survey years, and where the definition allows the provinces, that changed, in the transaction
-- of the rest of the refresh; readers read the old rows under MVCC meanwhile, never blocked, as with
-- a concurrent refresh.
-- Names, columns and their order stay those of the views, so readers do not change; the unique
-- indexes the concurrent refresh needed are the primary keys.
-- The views' dependants (the tile view, area_menu_need on menu_match) are dropped with them; the view
-- files, applied after the migrations, make them again.
drop materialized view if exists area_assistance cascade;
drop materialized view if exists area_person_stats cascade;
drop materialized view if exists area_menu_need cascade;
drop materialized view if exists menu_match cascade;
drop materialized view if exists area_registry_stats cascade;

create table area_assistance (
  survey_year         smallint not null,
  code                text not null,
  households          integer not null,
  target_households   integer not null,
  helped_households   integer not null,
  targets_none        integer not null,
  targets_planned     integer not null,
  targets_in_progress integer not null,
  targets_done        integer not null,
  constraint area_assistance_key primary key (code, survey_year)
);
-- a refresh of some provinces finds their areas' rows by the code's first two digits
create index area_assistance_province_idx on area_assistance (left(code, 2));

create table area_person_stats (
  survey_year                 smallint not null,
  code                        text not null,
  level                       text not null,
  persons                     integer not null,
  persons_households          integer not null,
  target_card                 integer not null,
  target_card_households      integer not null,
  target_nocard               integer not null,
  target_nocard_households    integer not null,
  vulnerable                  integer not null,
  vulnerable_households       integer not null,
  card_not_target             integer not null,
  card_not_target_households  integer not null,
  children_0_5                integer not null,
  children_0_5_households     integer not null,
  school_age                  integer not null,
  school_age_households       integer not null,
  school_age_out              integer not null,
  school_age_out_households   integer not null,
  youth                       integer not null,
  youth_households            integer not null,
  neet                        integer not null,
  neet_households             integer not null,
  working_age                 integer not null,
  working_age_households      integer not null,
  working_no_work             integer not null,
  working_no_work_households  integer not null,
  elderly                     integer not null,
  elderly_households          integer not null,
  elderly_no_care             integer not null,
  elderly_no_care_households  integer not null,
  disabled                    integer not null,
  disabled_households         integer not null,
  disabled_no_care            integer not null,
  disabled_no_care_households integer not null,
  labour_force                integer not null,
  labour_force_households     integer not null,
  unemployed                  integer not null,
  unemployed_households       integer not null,
  underemployed               integer not null,
  underemployed_households    integer not null,
  constraint area_person_stats_key primary key (code, survey_year)
);
create index area_person_stats_level_idx on area_person_stats (level, survey_year);
create index area_person_stats_province_idx on area_person_stats (left(code, 2));

create table menu_match (
  survey_year  smallint not null,
  house_code   text not null,
  person_no    smallint not null,
  menu_item_id integer not null,
  priority     bigint not null,
  allocated    boolean not null,
  constraint menu_match_key primary key (survey_year, house_code, person_no, menu_item_id)
);
create index menu_match_item_idx on menu_match (menu_item_id, survey_year);

create table area_menu_need (
  survey_year        smallint not null,
  code               text not null,
  target_households  integer not null,
  matched_households integer not null,
  served_households  integer not null,
  unmet_households   integer not null,
  constraint area_menu_need_key primary key (code, survey_year)
);

create table area_registry_stats (
  survey_year                   smallint not null,
  code                          text not null,
  exclusion_errors              integer not null,
  card_holders_unsurveyed       integer not null,
  exclusion_errors_no_card      integer not null,
  exclusion_errors_here         integer not null,
  card_holders_unsurveyed_here  integer not null,
  exclusion_errors_no_card_here integer not null,
  constraint area_registry_stats_key primary key (code, survey_year)
);

-- The tables start empty (a migration calls no repeatable function that reads the data; see 014): a
-- database with households fills them after its migrations, in the data's readiness check
-- (ensureDerivedData, server/db/refresh.ts).
