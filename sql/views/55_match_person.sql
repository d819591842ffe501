-- The people the solution menu's eligibility is checked on (sql/functions/menu_match.sql): every
-- surveyed person (the person table, migration 006) with their own age and welfare card, so an
-- item's age band and card rule apply to each member. A person belongs to the target groups of
-- their household (povmap.household_groups): the plan's groups are decided per household. The province
-- lets a refresh of some provinces read only their people (person_province_house_idx).
drop view if exists match_person cascade;

create view match_person as
select p.survey_year, p.house_code, p.person_no, p.province_code, p.age, p.welfare_card
from person p;
