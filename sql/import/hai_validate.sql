-- Validation of a staged Human Achievement Index file (contract of sql/import/households_validate.sql).
-- Key: province, year; the index and its eight parts are each 0..1.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (values
    ('province_code', case when btrim(s.province_code) = '' then 'is missing'
                           when not exists (select 1 from admin_area a where a.code = btrim(s.province_code) and a.level = 'province')
                             then format('names no province, got "%s"', left(s.province_code, 40)) end),
    ('year', povmap.import_int_problem(s.year, 2000, 2100)),
    ('hai', povmap.import_number_problem(s.hai, 0, 1)),
    ('health', povmap.import_number_problem(s.health, 0, 1)),
    ('education', povmap.import_number_problem(s.education, 0, 1)),
    ('working_life', povmap.import_number_problem(s.working_life, 0, 1)),
    ('income', povmap.import_number_problem(s.income, 0, 1)),
    ('housing_environment', povmap.import_number_problem(s.housing_environment, 0, 1)),
    ('family_community', povmap.import_number_problem(s.family_community, 0, 1)),
    ('transport_communication', povmap.import_number_problem(s.transport_communication, 0, 1)),
    ('participation', povmap.import_number_problem(s.participation, 0, 1))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.province_code) as province_code, btrim(s.year)::smallint as year, btrim(s.hai)::numeric(6, 4) as hai,
       btrim(s.health)::numeric(6, 4) as health,
       btrim(s.education)::numeric(6, 4) as education,
       btrim(s.working_life)::numeric(6, 4) as working_life,
       btrim(s.income)::numeric(6, 4) as income,
       btrim(s.housing_environment)::numeric(6, 4) as housing_environment,
       btrim(s.family_community)::numeric(6, 4) as family_community,
       btrim(s.transport_communication)::numeric(6, 4) as transport_communication,
       btrim(s.participation)::numeric(6, 4) as participation
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same key twice in one file: the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['province_code', 'year'], null, 'repeats the province and year of line %s');
