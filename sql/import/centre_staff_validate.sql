-- Validation of a staged centre staff file (contract of sql/import/households_validate.sql).
-- Key: the area, a province, district or subdistrict (villages have no centre).
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (values
    ('area_code', case when btrim(s.area_code) = '' then 'is missing'
                       when not exists (select 1 from admin_area a where a.code = btrim(s.area_code) and a.level <> 'village')
                         then format('names no province, district or subdistrict, got "%s"', left(s.area_code, 40)) end),
    ('staff', povmap.import_int_problem(s.staff, 0, 1000000)),
    ('partners', povmap.import_int_problem(s.partners, 0, 1000000))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.area_code) as area_code, btrim(s.staff)::integer as staff, btrim(s.partners)::integer as partners
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same key twice in one file: the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['area_code'], null, 'repeats the area of line %s');
