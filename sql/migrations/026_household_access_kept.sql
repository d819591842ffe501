-- The distances to services kept across an import (issue 18 item 3). An import moves few households
-- but the refresh measured every household of each province it touched again (194 s for two
-- provinces of the national profile). Each row now records the location it was measured at (geom),
-- so the refresh (povmap.refresh_household_access without p_remeasure) measures only households
-- without a row for where they are now; the key finds a household's row, the province index the
-- rows of a province (the refresh deleted them with a scan of the whole table, once per province).
-- The rows have no location to compare with yet, so they go: the readiness check measures every
-- household again when household_access is empty (ensureDerivedData, server/db/refresh.ts; about
-- 15 minutes on the national profile, a minute on the demo data).
truncate household_access;
alter table household_access add column geom geometry(Point, 4326);
alter table household_access add constraint household_access_key primary key (survey_year, house_code);
create index household_access_province_idx on household_access (province_code, survey_year);
-- The survey years whose villages' demand points (access_village) changed since their 2SFCA ratios
-- were computed: the refresh computes the ratios of those years only, and none after an import that
-- changed no village's households, people or mean location.
create table access_2sfca_owed (
  survey_year smallint primary key
);
-- the signature before p_remeasure (a call naming p_years would match both)
drop function if exists povmap.refresh_household_access(text, integer, smallint[]);
