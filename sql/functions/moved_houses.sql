-- A household keeps its code when it moves to another province, so a house code's first two digits
-- need not be its province. The rollups that read a table by those digits (the logbook, the menu's
-- matches) must then also read, or leave alone, these households' rows. Both functions read the
-- partial index household_moved_idx (migration 031), which holds only the households living outside
-- the province their code names: few, usually none.

-- The households living in the provinces `p_provinces` in the survey years `p_years` (null: every
-- year) whose house code names another province. Null provinces: none.
create or replace function povmap.moved_in_houses(p_provinces text[], p_years smallint[] default null)
returns table (survey_year smallint, house_code text)
language sql stable as $$
  select h.survey_year, h.house_code from household h
  where left(h.house_code, 2) <> h.province_code
    and h.province_code = any (p_provinces) and (p_years is null or h.survey_year = any (p_years))
$$;

-- The households whose house code names one of the provinces `p_provinces` but that live outside
-- them, in the survey years `p_years` (null: every year): their rows are not those provinces' to
-- rewrite. Null provinces: none.
create or replace function povmap.moved_out_houses(p_provinces text[], p_years smallint[] default null)
returns table (survey_year smallint, house_code text)
language sql stable as $$
  select h.survey_year, h.house_code from household h
  where left(h.house_code, 2) <> h.province_code
    and left(h.house_code, 2) = any (p_provinces) and h.province_code <> all (p_provinces)
    and (p_years is null or h.survey_year = any (p_years))
$$;
