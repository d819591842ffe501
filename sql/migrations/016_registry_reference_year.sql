-- Registry figures (issue 21): target groups 3.2 and 4 counted per area and year from the registry
-- linkage. Every registry line now says which survey year it is counted in (the file's survey_year
-- column, server/imports/formats.ts REGISTRY_FORMAT): `reference_year`. Lines imported before this
-- migration have none and are counted in no year. (`survey_year` stays the year of the survey record
-- a line linked to.)
alter table registry_record add column reference_year smallint;
create index registry_record_year_idx on registry_record (reference_year, status);

-- A registry import owes the registry figures and the policy's decisions a refresh
-- (server/imports/refresh-pending.ts).
alter table import_refresh_pending drop constraint import_refresh_pending_kind_check;
alter table import_refresh_pending add constraint import_refresh_pending_kind_check
  check (kind in ('households', 'assistance', 'persons', 'menu', 'registry'));
