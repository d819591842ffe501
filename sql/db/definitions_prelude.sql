-- What the repeatable definitions (sql/functions/, sql/views/) need before the first of them runs:
-- the schema they live in, PostGIS (function signatures name geometry), and the record of which text
-- of each file was applied (server/db/definitions.ts re-applies a file when its text changes or its
-- objects are missing). Safe to run again.
create schema if not exists povmap;
create extension if not exists postgis;
create table if not exists povmap.sql_definition (
  file       text primary key,          -- path under sql/, e.g. views/10_area_stats.sql
  sha256     text not null,             -- of the text applied
  applied_at timestamptz not null default now()
);
