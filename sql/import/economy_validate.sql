-- Validation of a staged provincial accounts file (sql/import/households_validate.sql's contract:
-- problems → import_reject, one row per line and column; good rows → import_valid). Key: province, year.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (values
    ('province_code', case when btrim(s.province_code) = '' then 'is missing'
                           when not exists (select 1 from admin_area a where a.code = btrim(s.province_code) and a.level = 'province')
                             then format('names no province, got "%s"', left(s.province_code, 40)) end),
    ('year', povmap.import_int_problem(s.year, 2000, 2100)),
    ('population', povmap.import_int_problem(s.population, 1, 100000000)),
    ('gpp_million_baht', povmap.import_number_problem(s.gpp_million_baht, 0, 1e9)),
    ('consumption_million_baht', povmap.import_number_problem(s.consumption_million_baht, 0, 1e9)),
    ('investment_million_baht', povmap.import_number_problem(s.investment_million_baht, 0, 1e9))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.province_code) as province_code, btrim(s.year)::smallint as year,
       btrim(s.population)::integer as population, btrim(s.gpp_million_baht)::numeric(14, 2) as gpp_million_baht,
       btrim(s.consumption_million_baht)::numeric(14, 2) as consumption_million_baht,
       btrim(s.investment_million_baht)::numeric(14, 2) as investment_million_baht
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same key twice in one file: the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['province_code', 'year'], null, 'repeats the province and year of line %s');
