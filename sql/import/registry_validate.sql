-- Validation of a staged external registry (server/imports/formats.ts REGISTRY_FORMAT); same contract
-- as households_validate.sql. Malformed lines are rejected; a national id of 13 digits with a wrong
-- check digit is not: it is a reason for a non-link, reported by the linkage (registry_merge.sql).
-- The national id is hashed here (HMAC-SHA256 with the session's povmap.id_secret, set by the
-- pipeline) and never leaves this temporary table in clear.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (values
    ('survey_year', case when btrim(s.survey_year) !~ '^[0-9]{4}$' then 'must be a year of 4 digits'
                         when btrim(s.survey_year)::integer not between 2000 and 2100 then 'must be between 2000 and 2100' end),
    ('registry', case when btrim(s.registry) = '' then 'is missing' when length(btrim(s.registry)) > 100 then 'is longer than 100 characters' end),
    ('record_id', case when btrim(s.record_id) = '' then 'is missing' when length(btrim(s.record_id)) > 100 then 'is longer than 100 characters' end),
    ('national_id', case when btrim(s.national_id) = '' and btrim(s.area_code) = '' then 'is missing: a line needs a national id or an area code'
                         when btrim(s.national_id) <> '' and btrim(s.national_id) !~ '^[0-9]{13}$' then 'must be 13 digits' end),
    ('area_code', case when btrim(s.area_code) <> '' and not exists (select 1 from admin_area a where a.code = btrim(s.area_code))
                         then format('names no area: "%s"', left(s.area_code, 40)) end),
    ('problem', case when length(s.problem) > 200 then 'is longer than 200 characters' end)
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.survey_year)::smallint as reference_year, btrim(s.registry) as registry, btrim(s.record_id) as record_id,
       case when btrim(s.national_id) <> '' then hmac(btrim(s.national_id), current_setting('povmap.id_secret'), 'sha256') end as id_hash,
       case when btrim(s.national_id) <> '' then povmap.thai_id_valid(btrim(s.national_id)) end as check_digit_ok,
       nullif(btrim(s.area_code), '') as area_code, nullif(btrim(s.problem), '') as problem
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);
