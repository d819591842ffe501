-- Validation of a staged solution-menu file (server/imports/formats.ts MENU_FORMAT); same contract as
-- households_validate.sql: every problem → import_reject with line, column and reason; the good
-- rows, typed, → import_valid.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (select povmap.import_list(s.indicators) as indicators, povmap.import_list(s.target_groups) as groups,
                           povmap.import_list(s.area_codes) as areas) l
cross join lateral (values
    ('code', case when btrim(s.code) = '' then 'is missing'
                  when btrim(s.code) !~ '^[A-Za-z0-9._-]{1,40}$' then format('must be 1-40 letters, digits, ".", "_" or "-", got "%s"', left(s.code, 60)) end),
    ('agency', case when btrim(s.agency) = '' then 'is missing' when length(btrim(s.agency)) > 200 then 'is longer than 200 characters' end),
    ('title_th', case when btrim(s.title_th) = '' then 'is missing' when length(btrim(s.title_th)) > 300 then 'is longer than 300 characters' end),
    ('title_en', case when btrim(s.title_en) = '' then 'is missing' when length(btrim(s.title_en)) > 300 then 'is longer than 300 characters' end),
    ('dimension', povmap.import_choice_problem(s.dimension, (select array_agg(d.id order by d.number) from povmap.dimension d))),
    ('indicators', (select format('names %s, not an indicator of dimension "%s"', string_agg(format('"%s"', left(x, 40)), ', '), btrim(s.dimension))
                    from unnest(l.indicators) x
                    where not exists (select 1 from povmap.indicator i where i.id = x and i.dimension = btrim(s.dimension))
                    having count(*) > 0)),
    ('target_groups', case when cardinality(l.groups) = 0 then 'is missing'
                           when exists (select 1 from unnest(l.groups) g where g not in ('1', '2', '3', '4'))
                             then format('must be groups 1 to 4 separated by ";", got "%s"', left(s.target_groups, 40)) end),
    ('stage', povmap.import_choice_problem(s.stage, array['survive', 'sufficiency', 'sustainable'])),
    ('age_min', case when btrim(s.age_min) <> '' then povmap.import_int_problem(s.age_min, 0, 150) end),
    ('age_max', case when btrim(s.age_max) <> '' then povmap.import_int_problem(s.age_max, 0, 150) end),
    ('age_max', case when povmap.import_int_problem(s.age_min, 0, 150) is null and povmap.import_int_problem(s.age_max, 0, 150) is null
                      and btrim(s.age_min)::int > btrim(s.age_max)::int then format('is below age_min (%s)', btrim(s.age_min)) end),
    ('welfare_card_required', povmap.import_flag_problem(s.welfare_card_required)),
    ('area_codes', (select format('names %s, not an area', string_agg(format('"%s"', left(x, 40)), ', '))
                    from unnest(l.areas) x where not exists (select 1 from admin_area a where a.code = x)
                    having count(*) > 0)),
    ('capacity_per_year', povmap.import_int_problem(s.capacity_per_year, 0, 2000000000))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.code) as code, btrim(s.agency) as agency, btrim(s.title_th) as title_th, btrim(s.title_en) as title_en,
       btrim(s.dimension) as dimension, povmap.import_list(s.indicators) as indicators,
       povmap.import_list(s.target_groups)::smallint[] as target_groups, btrim(s.stage) as stage,
       nullif(btrim(s.age_min), '')::smallint as age_min, nullif(btrim(s.age_max), '')::smallint as age_max,
       btrim(s.welfare_card_required) = '1' as welfare_card_required, povmap.import_list(s.area_codes) as area_codes,
       btrim(s.capacity_per_year)::integer as capacity_per_year
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same code twice in one file: the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['code'], 'code', 'repeats the code of line %s');
