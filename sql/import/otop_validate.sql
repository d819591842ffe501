-- Validation of a staged OTOP products file (contract of sql/import/households_validate.sql).
-- Key: village and product name.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (values
    ('village_code', case when btrim(s.village_code) = '' then 'is missing'
                          when not exists (select 1 from admin_area a where a.code = btrim(s.village_code) and a.level = 'village')
                            then format('names no village, got "%s"', left(s.village_code, 40)) end),
    ('name', case when btrim(s.name) = '' then 'is missing' when length(s.name) > 300 then 'is longer than 300 characters' end),
    ('category', povmap.import_choice_problem(s.category, array['food', 'beverage', 'textiles', 'household', 'herbal'])),
    ('stars', povmap.import_int_problem(s.stars, 1, 5))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.village_code) as village_code, btrim(s.name) as name, btrim(s.category) as category, btrim(s.stars)::smallint as stars
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same key twice in one file: the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['village_code', 'name'], null, 'repeats the village and product name of line %s');
