-- Validation of a staged external registry (server/imports/formats.ts REGISTRY_FORMAT); same contract
-- as households_validate.sql. Malformed lines are rejected; a national id of 13 digits with a wrong
-- check digit is not: it is a reason for a non-link, reported by the linkage (registry_merge.sql).
-- Set-based, for registries of millions of lines: one scan of the stage checks every column (the
-- area codes by one hash join with admin_area, the check digits by an inlined expression), the
-- rejects are written for the bad lines only, and the good ones are keyed in one more scan.
-- The national id is hashed here (HMAC-SHA256 with the session's povmap.id_secret, set by the
-- pipeline) and kept in clear only in this session's temporary tables, for the link join
-- (registry_merge.sql): it is never written to a table of the database.
drop table if exists registry_checked;
create temp table registry_checked as
select s.line, y.year, y.registry, y.record_id, y.national_id, y.area_code, s.problem,
       case when y.year !~ '^[0-9]{4}$' then 'must be a year of 4 digits'
            when y.year::integer not between 2000 and 2100 then 'must be between 2000 and 2100' end as year_problem,
       case when y.registry = '' then 'is missing' when length(y.registry) > 100 then 'is longer than 100 characters' end as registry_problem,
       case when y.record_id = '' then 'is missing' when length(y.record_id) > 100 then 'is longer than 100 characters' end as record_id_problem,
       case when y.national_id = '' and y.area_code = '' then 'is missing: a line needs a national id or an area code'
            when y.national_id <> '' and not povmap.is_digits(y.national_id, 13) then 'must be 13 digits' end as national_id_problem,
       case when y.area_code <> '' and a.code is null then format('names no area: "%s"', left(s.area_code, 40)) end as area_code_problem,
       case when length(s.problem) > 200 then 'is longer than 200 characters' end as problem_problem
from import_stage s
cross join lateral (select btrim(s.survey_year) as year, btrim(s.registry) as registry, btrim(s.record_id) as record_id,
                           btrim(s.national_id) as national_id, btrim(s.area_code) as area_code) y
left join admin_area a on a.code = y.area_code;

insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, c.line, p.column_name, p.reason
from registry_checked c
cross join lateral (values ('survey_year', c.year_problem), ('registry', c.registry_problem), ('record_id', c.record_id_problem),
                           ('national_id', c.national_id_problem), ('area_code', c.area_code_problem), ('problem', c.problem_problem)) as p(column_name, reason)
where num_nonnulls(c.year_problem, c.registry_problem, c.record_id_problem, c.national_id_problem, c.area_code_problem, c.problem_problem) > 0
  and p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select c.line, c.year::smallint as reference_year, c.registry, c.record_id,
       nullif(c.national_id, '') as national_id,
       case when c.national_id <> '' then hmac(c.national_id, current_setting('povmap.id_secret'), 'sha256') end as id_hash,
       case when c.national_id <> '' then povmap.thai_id_valid(c.national_id) end as check_digit_ok,
       nullif(c.area_code, '') as area_code, nullif(btrim(c.problem), '') as problem
from registry_checked c
where num_nonnulls(c.year_problem, c.registry_problem, c.record_id_problem, c.national_id_problem, c.area_code_problem, c.problem_problem) = 0;
drop table registry_checked;
-- the link join's planner needs the staged ids' numbers
analyze import_valid;

-- The first line of each valid id (a later line with the same id is a duplicate), as a table of its
-- own with its numbers, so the link join (registry_merge.sql) is planned on what it holds: the
-- planner then merges it in id order with an index-only scan of person (person_national_id_link_idx).
-- Inside one statement, as a CTE, its size was a guess and the join became one index probe and one
-- heap fetch per line (130 s of a 1 M-line merge on the national profile, EXPLAIN ANALYZE).
drop table if exists registry_first;
create temp table registry_first as
select distinct on (id_hash) line, national_id from import_valid
where id_hash is not null and check_digit_ok
order by id_hash, line;
analyze registry_first;
