-- Validation of a staged household file (server/imports/pipeline.ts runs it on the import's own
-- connection after `set povmap.import_job = <import_job.id>`). Reads the temp table import_stage
-- (the file's columns as text, plus `line`), writes one import_reject row per problem, and leaves
-- the good rows, typed, in the temp table import_valid. A row is good when it has no problem at all.
--
-- Three steps, so that the rows of a well-made file are checked once, cheaply:
--   1. rows that plainly pass (exact shapes, no spaces, in range, the point inside the village)
--      are typed straight into import_valid, without the trimming the others need;
--   2. the other rows get every check of every column, one import_reject row per problem;
--   3. rows of step 2 without a problem (a value with spaces around it, a "+1") are typed too.
-- Then a house code repeated within one survey year is rejected after its first occurrence, in this
-- part of the file and against the parts before it.
--
-- A large file is checked in parts of consecutive lines (server/imports/pipeline.ts): import_stage
-- holds one part at a time, and import_seen the keys of the good rows of the parts before.

-- The staged rows as household columns, for step 3. Every cast is safe for a row without problems,
-- and step 3 reads the typed columns only of such rows.
create or replace temp view import_typed as
select s.line,
       btrim(s.survey_year)::smallint as survey_year,
       btrim(s.house_code) as house_code,
       v.code as village_code, v.subdistrict_code, v.district_code, v.province_code,
       case when btrim(s.lon) <> '' then st_setsrid(st_makepoint(btrim(s.lon)::float8, btrim(s.lat)::float8), 4326) end as geom,
       btrim(s.members)::smallint as members,
       -- generated: import_deprived_mask (npm run sql:generate from server/mpi/indicators.ts)
       ((btrim(s.newborn_weight)::integer << 0) |
         (btrim(s.hygienic_food)::integer << 1) |
         (btrim(s.medicine_use)::integer << 2) |
         (btrim(s.exercise)::integer << 3) |
         (btrim(s.stable_house)::integer << 4) |
         (btrim(s.drinking_water)::integer << 5) |
         (btrim(s.enough_water)::integer << 6) |
         (btrim(s.tidy_home)::integer << 7) |
         (btrim(s.preschool_care)::integer << 8) |
         (btrim(s.compulsory_school)::integer << 9) |
         (btrim(s.continue_m4)::integer << 10) |
         (btrim(s.adult_literacy)::integer << 11) |
         (btrim(s.work_15_59)::integer << 12) |
         (btrim(s.work_60_plus)::integer << 13) |
         (btrim(s.income_threshold)::integer << 14) |
         (btrim(s.elderly_care)::integer << 15) |
         (btrim(s.disabled_care)::integer << 16))::integer as deprived,
       -- end generated
       btrim(s.income_per_person)::integer as income_per_person,
       btrim(s.dependents)::smallint as dependents,
       btrim(s.housing_problem) = '1' as housing_problem,
       btrim(s.welfare_card_holders)::smallint as welfare_card_holders,
       s.head_name,
       btrim(s.national_id) as national_id,
       povmap.import_optional_flag(s.has_debt) as has_debt,
       povmap.import_optional_flag(s.informal_debt) as informal_debt,
       povmap.import_optional_flag(s.finance_access) as finance_access
from import_stage s
left join admin_area v on v.level = 'village' and v.code = btrim(s.village_code);

-- 1. The rows that plainly pass, typed as they stand: their shapes leave nothing to trim.
drop table if exists import_valid;
create temp table import_valid as
select s.line, s.survey_year::smallint as survey_year, s.house_code,
       v.code as village_code, v.subdistrict_code, v.district_code, v.province_code,
       case when s.lon <> '' then st_setsrid(st_makepoint(s.lon::float8, s.lat::float8), 4326) end as geom,
       s.members::smallint as members,
       -- the indicator flags reversed (the first indicator is the lowest bit), read as one bit string
       -- generated: import_deprived_bits (npm run sql:generate from server/mpi/indicators.ts)
       reverse(f.flags)::bit(17)::integer as deprived,
       -- end generated
       s.income_per_person::integer as income_per_person,
       s.dependents::smallint as dependents,
       s.housing_problem = '1' as housing_problem,
       s.welfare_card_holders::smallint as welfare_card_holders,
       s.head_name,
       s.national_id,
       case s.has_debt when '1' then true when '0' then false end as has_debt,
       case s.informal_debt when '1' then true when '0' then false end as informal_debt,
       case s.finance_access when '1' then true when '0' then false end as finance_access
from import_stage s
left join admin_area v on v.level = 'village' and v.code = btrim(s.village_code)
-- the indicator flags in indicator order, joined once per row for both the shape check and the mask
cross join lateral (select
  -- generated: import_flags (npm run sql:generate from server/mpi/indicators.ts)
    s.newborn_weight || s.hygienic_food || s.medicine_use || s.exercise || s.stable_house
    || s.drinking_water || s.enough_water || s.tidy_home || s.preschool_care || s.compulsory_school
    || s.continue_m4 || s.adult_literacy || s.work_15_59 || s.work_60_plus || s.income_threshold
    || s.elderly_care || s.disabled_care
  -- end generated
  as flags offset 0) f
-- every check of step 2 passes: first the shapes (lengths, digits, flags, coordinates: cheaper than one
-- regular expression per field), then (a CASE, so never before them: the casts need them) the
-- comparisons that need numbers or the village
where case when octet_length(s.survey_year) = 4 and octet_length(s.house_code) = 12 and octet_length(s.national_id) = 13
                 and octet_length(s.members) between 1 and 4 and octet_length(s.welfare_card_holders) between 1 and 4
                 and octet_length(s.income_per_person) between 1 and 9 and octet_length(s.dependents) between 1 and 4
                 and (s.survey_year || s.house_code || s.national_id || s.members || s.welfare_card_holders
                      || s.income_per_person || s.dependents) !~ '[^0-9]'
                 -- generated: import_flag_shapes (npm run sql:generate from server/mpi/indicators.ts)
                 and octet_length(s.housing_problem) = 1 and octet_length(s.newborn_weight) = 1 and octet_length(s.hygienic_food) = 1
                 and octet_length(s.medicine_use) = 1 and octet_length(s.exercise) = 1 and octet_length(s.stable_house) = 1
                 and octet_length(s.drinking_water) = 1 and octet_length(s.enough_water) = 1 and octet_length(s.tidy_home) = 1
                 and octet_length(s.preschool_care) = 1 and octet_length(s.compulsory_school) = 1 and octet_length(s.continue_m4) = 1
                 and octet_length(s.adult_literacy) = 1 and octet_length(s.work_15_59) = 1 and octet_length(s.work_60_plus) = 1
                 and octet_length(s.income_threshold) = 1 and octet_length(s.elderly_care) = 1 and octet_length(s.disabled_care) = 1
                 and (s.housing_problem || f.flags) !~ '[^01]'
                 -- end generated
                 and ((s.lon = '' and s.lat = '') or (s.lon || ',' || s.lat) ~ '^-?[0-9]{1,3}(?:\.[0-9]+)?,-?[0-9]{1,2}(?:\.[0-9]+)?$')
                 and v.code is not null
                 -- debt and finance (optional): empty, 0 or 1, and informal debt only with debt
                 and s.has_debt in ('', '0', '1') and s.informal_debt in ('', '0', '1') and s.finance_access in ('', '0', '1')
                 and not (s.informal_debt = '1' and s.has_debt <> '1')
            then s.survey_year between '2000' and '2100' and left(s.house_code, 8) = v.code
                 and btrim(s.head_name) <> '' and length(s.head_name) <= 200
                 and s.members::integer >= 1 and s.welfare_card_holders::integer <= s.members::integer
                 and (s.lon = '' or (s.lon::float8 between -180 and 180 and s.lat::float8 between -90 and 90
                                     and st_covers(v.geom, st_setsrid(st_makepoint(s.lon::float8, s.lat::float8), 4326))))
            else false end;

-- 2. Every check of every column, for the other rows; a row may fail several.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
left join admin_area v on v.level = 'village' and v.code = btrim(s.village_code)
cross join lateral (values
    ('survey_year', povmap.import_int_problem(s.survey_year, 2000, 2100)),
    ('house_code', case when btrim(s.house_code) = '' then 'is missing'
                        when not povmap.is_digits(btrim(s.house_code), 12) then format('must be 12 digits, got "%s"', left(s.house_code, 40))
                        when left(btrim(s.house_code), 8) <> btrim(s.village_code) then 'must start with its village code' end),
    ('village_code', case when btrim(s.village_code) = '' then 'is missing'
                          when v.code is null then format('names no village: "%s"', left(s.village_code, 40)) end),
    ('head_name', case when btrim(s.head_name) = '' then 'is missing' when length(s.head_name) > 200 then 'is longer than 200 characters' end),
    ('national_id', case when btrim(s.national_id) = '' then 'is missing'
                         when not povmap.is_digits(btrim(s.national_id), 13) then 'must be 13 digits' end),
    ('lon', case when (btrim(s.lon) = '') <> (btrim(s.lat) = '') then 'give both lon and lat, or neither'
                 when btrim(s.lon) <> '' then povmap.import_number_problem(s.lon, -180, 180) end),
    ('lat', case when btrim(s.lat) <> '' and btrim(s.lon) <> '' then povmap.import_number_problem(s.lat, -90, 90) end),
    ('lon,lat', case when v.code is not null
                      and btrim(s.lon) <> '' and povmap.import_number_problem(s.lon, -180, 180) is null
                      and btrim(s.lat) <> '' and povmap.import_number_problem(s.lat, -90, 90) is null
                      and not st_covers(v.geom, st_setsrid(st_makepoint(btrim(s.lon)::float8, btrim(s.lat)::float8), 4326))
                    then format('the point (%s, %s) lies outside village %s', btrim(s.lon), btrim(s.lat), v.code) end),
    ('members', povmap.import_int_problem(s.members, 1, 32767)),
    ('welfare_card_holders', coalesce(povmap.import_int_problem(s.welfare_card_holders, 0, 32767),
                                      case when povmap.import_int_problem(s.members, 1, 32767) is null
                                            and btrim(s.welfare_card_holders)::integer > btrim(s.members)::integer
                                           then 'exceeds members' end)),
    ('income_per_person', povmap.import_int_problem(s.income_per_person, 0, 2147483647)),
    ('dependents', povmap.import_int_problem(s.dependents, 0, 32767)),
    ('housing_problem', povmap.import_flag_problem(s.housing_problem)),
    ('has_debt', povmap.import_optional_flag_problem(s.has_debt)),
    ('informal_debt', coalesce(povmap.import_optional_flag_problem(s.informal_debt),
                               case when btrim(s.informal_debt) = '1' and btrim(s.has_debt) <> '1' then 'is 1 but has_debt is not 1' end)),
    ('finance_access', povmap.import_optional_flag_problem(s.finance_access)),
    -- generated: import_flag_checks (npm run sql:generate from server/mpi/indicators.ts)
    ('newborn_weight', povmap.import_flag_problem(s.newborn_weight)),
    ('hygienic_food', povmap.import_flag_problem(s.hygienic_food)),
    ('medicine_use', povmap.import_flag_problem(s.medicine_use)),
    ('exercise', povmap.import_flag_problem(s.exercise)),
    ('stable_house', povmap.import_flag_problem(s.stable_house)),
    ('drinking_water', povmap.import_flag_problem(s.drinking_water)),
    ('enough_water', povmap.import_flag_problem(s.enough_water)),
    ('tidy_home', povmap.import_flag_problem(s.tidy_home)),
    ('preschool_care', povmap.import_flag_problem(s.preschool_care)),
    ('compulsory_school', povmap.import_flag_problem(s.compulsory_school)),
    ('continue_m4', povmap.import_flag_problem(s.continue_m4)),
    ('adult_literacy', povmap.import_flag_problem(s.adult_literacy)),
    ('work_15_59', povmap.import_flag_problem(s.work_15_59)),
    ('work_60_plus', povmap.import_flag_problem(s.work_60_plus)),
    ('income_threshold', povmap.import_flag_problem(s.income_threshold)),
    ('elderly_care', povmap.import_flag_problem(s.elderly_care)),
    ('disabled_care', povmap.import_flag_problem(s.disabled_care))
    -- end generated
) as p(column_name, reason)
where (select count(*) from import_valid) < (select count(*) from import_stage) -- once: skipped when every row passed
  and not exists (select 1 from import_valid w where w.line = s.line) and p.reason is not null;

-- 3. The rows of step 2 that have no problem after all.
insert into import_valid
select line, survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom, members,
       deprived, income_per_person, dependents, housing_problem, welfare_card_holders, head_name, national_id,
       has_debt, informal_debt, finance_access
from import_typed t
where (select count(*) from import_valid) < (select count(*) from import_stage)
  and not exists (select 1 from import_valid w where w.line = t.line)
  and not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = t.line);

-- 4. A house code may appear once per survey year: the first occurrence is kept, later ones rejected.
with repeated as (
  select survey_year, house_code, min(line) as first_line
  from import_valid
  group by survey_year, house_code
  having count(*) > 1
),
removed as (
  delete from import_valid v using repeated r
  where v.survey_year = r.survey_year and v.house_code = r.house_code and v.line > r.first_line
  returning v.line, r.first_line
)
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, line, 'house_code', format('repeats the survey_year and house_code of line %s', first_line)
from removed;

-- 5. The same against the good rows of the parts before this one; then this part's keys join them.
create temp table if not exists import_seen (survey_year smallint, house_code text, line bigint not null,
                                             primary key (survey_year, house_code));
-- Each row's key is looked up in import_seen's index (a scalar subquery, which the planner keeps as one
-- lookup per row): joined, import_seen, which grows with every part, was hashed whole for each part.
with removed as (
  delete from import_valid v
  where (select s.line from import_seen s where s.survey_year = v.survey_year and s.house_code = v.house_code) is not null
  returning v.line, (select s.line from import_seen s where s.survey_year = v.survey_year and s.house_code = v.house_code) as first_line
)
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, line, 'house_code', format('repeats the survey_year and house_code of line %s', first_line)
from removed;
insert into import_seen (survey_year, house_code, line) select survey_year, house_code, line from import_valid;
drop view import_typed;
