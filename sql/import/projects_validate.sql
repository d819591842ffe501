-- Validation of a staged budgeted projects file (contract of sql/import/households_validate.sql).
-- Key: project_code. `addresses` is a BMN dimension or indicator id; a project marked done is 100 %.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (values
    ('project_code', case when btrim(s.project_code) = '' then 'is missing'
                          when btrim(s.project_code) !~ '^[A-Za-z0-9._-]{1,40}$'
                            then format('must be 1-40 of A-Z a-z 0-9 . _ -, got "%s"', left(s.project_code, 40)) end),
    ('title_th', case when btrim(s.title_th) = '' then 'is missing' when length(s.title_th) > 500 then 'is longer than 500 characters' end),
    ('title_en', case when length(s.title_en) > 500 then 'is longer than 500 characters' end),
    ('agency', case when btrim(s.agency) = '' then 'is missing' when length(s.agency) > 200 then 'is longer than 200 characters' end),
    ('budget_baht', povmap.import_number_problem(s.budget_baht, 0, 1e13)),
    ('area_code', case when btrim(s.area_code) = '' then 'is missing'
                       when not exists (select 1 from admin_area a where a.code = btrim(s.area_code))
                         then format('names no area, got "%s"', left(s.area_code, 40)) end),
    ('addresses', povmap.import_choice_problem(s.addresses,
        (select array_agg(id order by n) from (select d.id, d.number as n from povmap.dimension d
                                                union all select i.id, 100 + i.number from povmap.indicator i) x))),
    ('stage', povmap.import_choice_problem(s.stage, array['survive', 'sufficiency', 'sustainable'])),
    ('status', povmap.import_choice_problem(s.status, array['planned', 'in_progress', 'done'])),
    ('progress', coalesce(povmap.import_int_problem(s.progress, 0, 100),
                          case when btrim(s.status) = 'done' and btrim(s.progress) <> '100' then 'must be 100 for a project whose status is done' end)),
    ('start_year', povmap.import_int_problem(s.start_year, 2000, 2100))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.project_code) as project_code, btrim(s.title_th) as title_th, nullif(btrim(s.title_en), '') as title_en,
       btrim(s.agency) as agency, btrim(s.budget_baht)::numeric(16, 2) as budget_baht, btrim(s.area_code) as area_code,
       btrim(s.addresses) as addresses, btrim(s.stage) as stage, btrim(s.status) as status,
       btrim(s.progress)::smallint as progress, btrim(s.start_year)::smallint as start_year
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same key twice in one file: the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['project_code'], null, 'repeats the project code of line %s');
