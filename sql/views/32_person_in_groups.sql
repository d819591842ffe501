-- One row per person with a flag for each group of people (server/people/groups.ts), so the person
-- search (server/persons/) filters by a group with `where <group id>` and counts without the
-- address joins of person_list. The flags follow the definitions of the rollup area_person_stats
-- (sql/functions/area_person_stats.sql, README "People and groups"); tests/integration/persons.test.ts
-- checks that a group's search total equals the rollup's count for sample areas.
-- A province or district filter reads the person row's own codes and person's indexes of those areas,
-- in house-code order (migration 011). A subdistrict or village filter reads the household's codes:
-- the planner takes the area's households from household's indexes and their people by person's
-- primary key, then sorts those few (migration 040; person has no index of those areas). The codes
-- are the same either way (a person is stored with their household's codes).
drop view if exists person_in_groups cascade;

create view person_in_groups as
select p.survey_year, p.house_code, p.person_no,
       p.province_code, p.district_code, h.subdistrict_code, h.village_code,
       p.national_id, p.age, p.sex, p.relation_to_head, p.disabled, p.in_education, p.employed, p.literate,
       p.welfare_card, p.needs_daily_care, p.receives_care,
       h.deprived <> 0 as household_target, h.vulnerability_level,
       true as persons,
       h.deprived <> 0 and p.welfare_card as target_card,
       h.deprived <> 0 and not p.welfare_card as target_nocard,
       h.vulnerability_level is not null as vulnerable,
       h.deprived = 0 and p.welfare_card as card_not_target,
       p.age <= 5 as children_0_5,
       p.age between 6 and 14 as school_age,
       p.age between 6 and 14 and not p.in_education as school_age_out,
       p.age between 15 and 24 as youth,
       p.age between 15 and 24 and not p.in_education and not p.employed as neet,
       p.age between 15 and 59 as working_age,
       p.age between 15 and 59 and not p.in_education and not p.employed as working_no_work,
       p.age >= 60 as elderly,
       p.age >= 60 and p.needs_daily_care and p.receives_care is false as elderly_no_care,
       -- disabled: the person column above
       p.disabled and p.receives_care is false as disabled_no_care,
       -- the labour force and its unemployed and under-employed (migration 015); false where not asked
       p.age between 15 and 59 and p.unemployed is not null and (p.employed or p.unemployed) as labour_force,
       p.age between 15 and 59 and p.unemployed is true as unemployed,
       p.age between 15 and 59 and p.unemployed is not null and p.underemployed is true as underemployed
from person p
join household h on h.survey_year = p.survey_year and h.house_code = p.house_code;
