-- The accessibility rollup refreshed per province (issue 18 item 3). It was a materialized view
-- (area_access_stats) refreshed whole after every import: 17.5 s on the national profile for an
-- import of two provinces. Its counts and sums are now a table refreshed like the other rollups
-- (povmap.refresh_rollup_table, definition povmap.area_access_counts_rows in
-- sql/functions/area_access_counts.sql): the touched provinces' areas and the country, summed from
-- the provinces. area_access_stats becomes a view over it with the shares and means
-- (sql/views/40_area_access_stats.sql, applied after the migrations). The sums are numeric (exact, so
-- the country's sum of its provinces equals a count of every household).
-- The table starts empty (a migration calls no repeatable function that reads the data; see 014):
-- the readiness check fills it and the policy decides again (ensureDerivedData, server/db/refresh.ts).
drop materialized view if exists area_access_stats cascade;
create table area_access_counts (
  survey_year              smallint not null,
  code                     text not null,
  level                    text not null,
  households               integer not null,
  school_located           integer not null,
  clinic_located           integer not null,
  target_households        integer not null,
  target_school_located    integer not null,
  target_clinic_located    integer not null,
  target_school_far_5km    integer not null,
  target_school_far_10km   integer not null,
  target_clinic_far_5km    integer not null,
  target_clinic_far_10km   integer not null,
  target_school_m_sum      numeric,  -- metres; null: no located target household
  target_clinic_m_sum      numeric,
  school_m_sum             numeric,
  clinic_m_sum             numeric,
  demand_people            bigint,   -- the villages' 2SFCA demand (null: no demand point)
  clinic_capacity_reached  numeric,  -- Σ people × A_i over the villages
  constraint area_access_counts_key primary key (code, survey_year)
);
create index area_access_counts_level_idx on area_access_counts (level, survey_year);
