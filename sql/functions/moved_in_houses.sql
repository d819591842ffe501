-- The households living in the provinces `p_provinces` in the survey years `p_years` (null: every
-- year) whose house code starts with another province's code than their own (a household keeps its
-- code when it moves). The rollups that read a table by the house code's first two digits (the logbook, the
-- menu's matches) read these households' rows too, or they would count them as having none.
-- Read off the partial index household_moved_idx (migration 031), which holds only such households.
-- Null provinces: none.
create or replace function povmap.moved_in_houses(p_provinces text[], p_years smallint[] default null)
returns table (survey_year smallint, house_code text)
language sql stable as $$
  select h.survey_year, h.house_code from household h
  where left(h.house_code, 2) <> h.province_code
    and h.province_code = any (p_provinces) and (p_years is null or h.survey_year = any (p_years))
$$;
