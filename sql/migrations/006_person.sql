-- People (issue 20): the members of each surveyed household, one row each, so the plan's targets
-- counted in people (the four target groups) and the population groups (children, NEET youth,
-- working age without work, elderly and disabled people without care) can be counted per area.
--
-- Codes: sex 'm' | 'f'. relation_to_head 'head' | 'spouse' | 'child' | 'grandchild' | 'parent' |
-- 'relative'. `employed` = has work and income (60+: work or income, the BMN wording). `literate` =
-- reads and writes Thai and does simple arithmetic. `receives_care` is null when the person needs
-- no care (neither disabled nor needing daily care), else whether the household, community, state
-- or a private body cares for them (BMN indicators 16 and 17).
-- The area codes are copied from the household so areas' people are read through an index.
create table person (
  survey_year      smallint not null,
  house_code       text not null,
  person_no        smallint not null check (person_no between 1 and 99),
  village_code     text not null,
  subdistrict_code text not null,
  district_code    text not null,
  province_code    text not null,
  national_id      text not null check (national_id ~ '^[0-9]{13}$'),  -- PII
  age              smallint not null check (age between 0 and 120),
  sex              text not null check (sex in ('m', 'f')),
  relation_to_head text not null check (relation_to_head in ('head', 'spouse', 'child', 'grandchild', 'parent', 'relative')),
  disabled         boolean not null,
  in_education     boolean not null,
  employed         boolean not null,
  literate         boolean not null,
  welfare_card     boolean not null,
  needs_daily_care boolean not null,
  receives_care    boolean,
  primary key (survey_year, house_code, person_no),
  foreign key (survey_year, house_code) references household (survey_year, house_code) on delete cascade,
  check ((receives_care is null) = not (disabled or needs_daily_care))
);
create index person_village_idx on person (village_code, survey_year);
create index person_subdistrict_idx on person (subdistrict_code, survey_year);
create index person_district_idx on person (district_code, survey_year);
create index person_province_idx on person (province_code, survey_year);
create index person_national_id_idx on person (national_id);

-- A data set generated before people existed is not complete: `persons` is null on its row and
-- server/db/prepare.ts regenerates it.
alter table dataset add column persons bigint;

-- Imports of persons files.
alter table import_job drop constraint import_job_kind_check;
alter table import_job add constraint import_job_kind_check check (kind in ('households', 'assistance', 'persons'));
alter table import_refresh_pending drop constraint import_refresh_pending_kind_check;
alter table import_refresh_pending add constraint import_refresh_pending_kind_check check (kind in ('households', 'assistance', 'persons'));
