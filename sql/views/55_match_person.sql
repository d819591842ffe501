-- The people the solution menu's eligibility is checked on, one row per person of a survey.
--
-- EXTENSION POINT (person level). Until the person table exists, each household is one person:
-- its head (person_no 1), whose age is not recorded (null: an item's age band is then not applied),
-- holding a welfare card when any member does. When the person table lands, this view reads it
-- instead (age, the person's own card) and nothing else in the matching changes.
drop view if exists match_person cascade;

create view match_person as
select h.survey_year, h.house_code, 1::smallint as person_no, null::smallint as age,
       h.welfare_card_holders > 0 as welfare_card
from household h;
