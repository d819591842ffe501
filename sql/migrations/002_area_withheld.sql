-- Disclosure control (issue 15): the cells of the rollups that public outputs withhold, one row per
-- area, survey year and cell, with the reason. Written by povmap.refresh_area_withheld()
-- (sql/functions/refresh_area_withheld.sql, where the rules are); read through the materialized
-- view area_public (sql/views/60_area_public.sql).
create table area_withheld (
  survey_year smallint not null,
  code        text not null,
  cell        text not null,
  reason      text not null check (reason in ('area-under-5', 'count-1-4', 'complementary')),
  primary key (survey_year, code, cell)
);
