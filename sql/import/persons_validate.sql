-- Validation of a staged persons file; same contract as households_validate.sql (reads import_stage,
-- one import_reject row per problem, the good rows typed into import_valid). A person must belong
-- to a household surveyed in their survey year, and their national id must carry its check digit.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
left join household h
  on povmap.import_int_problem(s.survey_year, 2000, 2100) is null
 and h.survey_year = btrim(s.survey_year)::smallint and h.house_code = btrim(s.house_code)
cross join lateral (select not (btrim(s.disabled) = '1' or btrim(s.needs_daily_care) = '1') as no_care_needed) c
cross join lateral (values
    ('survey_year', povmap.import_int_problem(s.survey_year, 2000, 2100)),
    ('house_code', case when btrim(s.house_code) = '' then 'is missing'
                        when not povmap.is_digits(btrim(s.house_code), 12) then format('must be 12 digits, got "%s"', left(s.house_code, 40))
                        when povmap.import_int_problem(s.survey_year, 2000, 2100) is null and h.house_code is null
                          then format('names no household surveyed in %s', btrim(s.survey_year)) end),
    ('person_no', povmap.import_int_problem(s.person_no, 1, 99)),
    ('national_id', case when btrim(s.national_id) = '' then 'is missing'
                         when not povmap.is_digits(btrim(s.national_id), 13) then 'must be 13 digits'
                         when not povmap.thai_id_valid(btrim(s.national_id)) then 'has a wrong check digit (the 13th digit)' end),
    ('age', povmap.import_int_problem(s.age, 0, 120)),
    ('sex', povmap.import_choice_problem(s.sex, array['m', 'f'])),
    ('relation_to_head', povmap.import_choice_problem(s.relation_to_head, array['head', 'spouse', 'child', 'grandchild', 'parent', 'relative'])),
    ('disabled', povmap.import_flag_problem(s.disabled)),
    ('in_education', povmap.import_flag_problem(s.in_education)),
    ('employed', povmap.import_flag_problem(s.employed)),
    ('literate', povmap.import_flag_problem(s.literate)),
    ('welfare_card', povmap.import_flag_problem(s.welfare_card)),
    ('needs_daily_care', povmap.import_flag_problem(s.needs_daily_care)),
    ('receives_care', case when c.no_care_needed and btrim(s.receives_care) <> ''
                             then 'must be empty for a person neither disabled nor needing daily care'
                           when not c.no_care_needed then povmap.import_flag_problem(s.receives_care) end),
    -- optional (migration 015): empty = not asked; unemployed only without work or schooling at
    -- 15–59, under-employed only with work at 15–59
    ('unemployed', coalesce(povmap.import_optional_flag_problem(s.unemployed),
                            case when btrim(s.unemployed) = '1' and (btrim(s.employed) = '1' or btrim(s.in_education) = '1')
                                   then 'is 1 but employed or in_education is 1 (the unemployed have no work and are not studying)'
                                 -- a nested case: the cast runs only once the age is known to be a whole number
                                 when btrim(s.unemployed) = '1' and povmap.import_int_problem(s.age, 0, 120) is null
                                   then case when btrim(s.age)::integer not between 15 and 59 then 'is 1 but age is outside 15–59' end end)),
    ('underemployed', coalesce(povmap.import_optional_flag_problem(s.underemployed),
                               case when btrim(s.underemployed) = '1' and btrim(s.employed) <> '1'
                                      then 'is 1 but employed is not 1 (the under-employed work, under 35 hours a week)'
                                    -- a nested case: the cast runs only once the age is known to be a whole number
                                    when btrim(s.underemployed) = '1' and povmap.import_int_problem(s.age, 0, 120) is null
                                      then case when btrim(s.age)::integer not between 15 and 59 then 'is 1 but age is outside 15–59' end end))
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, btrim(s.survey_year)::smallint as survey_year, btrim(s.house_code) as house_code,
       btrim(s.person_no)::smallint as person_no, btrim(s.national_id) as national_id, btrim(s.age)::smallint as age,
       btrim(s.sex) as sex, btrim(s.relation_to_head) as relation_to_head,
       btrim(s.disabled) = '1' as disabled, btrim(s.in_education) = '1' as in_education, btrim(s.employed) = '1' as employed,
       btrim(s.literate) = '1' as literate, btrim(s.welfare_card) = '1' as welfare_card,
       btrim(s.needs_daily_care) = '1' as needs_daily_care,
       case when btrim(s.receives_care) <> '' then btrim(s.receives_care) = '1' end as receives_care,
       povmap.import_optional_flag(s.unemployed) as unemployed, povmap.import_optional_flag(s.underemployed) as underemployed
from import_stage s
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same person twice in one file: the first is kept, later ones rejected.
select povmap.reject_repeated_keys(array['survey_year', 'house_code', 'person_no'], 'person_no', 'repeats the person of line %s (same survey year, house code and person number)');
