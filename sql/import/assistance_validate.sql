-- Validation of a staged assistance logbook file; same contract as households_validate.sql.
-- Entries must name a household surveyed in their survey year.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
left join household h
  on povmap.import_int_problem(s.survey_year, 2000, 2100) is null
 and h.survey_year = btrim(s.survey_year)::smallint and h.house_code = btrim(s.house_code)
cross join lateral (values
    ('survey_year', povmap.import_int_problem(s.survey_year, 2000, 2100)),
    ('house_code', case when btrim(s.house_code) = '' then 'is missing'
                        when not povmap.is_digits(btrim(s.house_code), 12) then format('must be 12 digits, got "%s"', left(s.house_code, 40))
                        when povmap.import_int_problem(s.survey_year, 2000, 2100) is null and h.house_code is null
                          then format('names no household surveyed in %s', btrim(s.survey_year)) end),
    ('agency', case when btrim(s.agency) = '' then 'is missing' when length(s.agency) > 200 then 'is longer than 200 characters' end),
    ('done_on', case when btrim(s.done_on) = '' then 'is missing'
                     when btrim(s.done_on) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' or not povmap.is_date(btrim(s.done_on))
                       then format('must be a date YYYY-MM-DD, got "%s"', left(s.done_on, 40)) end),
    ('dimension', povmap.import_choice_problem(s.dimension, (select array_agg(d.id order by d.number) from povmap.dimension d))),
    ('stage', povmap.import_choice_problem(s.stage, array['survive', 'sufficiency', 'sustainable'])),
    ('status', povmap.import_choice_problem(s.status, array['planned', 'in_progress', 'done'])),
    ('note', case when length(s.note) > 2000 then 'is longer than 2000 characters' end)
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.survey_year)::smallint as survey_year, btrim(s.house_code) as house_code,
       btrim(s.agency) as agency, btrim(s.done_on)::date as done_on, btrim(s.dimension) as dimension,
       btrim(s.stage) as stage, btrim(s.status) as status, nullif(s.note, '') as note
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same entry twice in one file: the first is kept, later ones rejected.
select povmap.reject_repeated_keys(array['survey_year', 'house_code', 'agency', 'done_on', 'dimension', 'stage', 'status'], null, 'repeats the entry of line %s (same household, agency, date, dimension, stage and status)');
