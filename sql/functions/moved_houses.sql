-- A household keeps its code when it moves to another province, so a house code's first two digits
-- need not be its province. The rollups that read a table by those digits (the logbook, the menu's
-- matches) must then also read, or leave alone, these households' rows. Both functions read the
-- partial index household_moved_idx (migration 031), which holds only the households living outside
-- the province their code names: few, usually none.
-- They are PL/pgSQL, not SQL, so the planner is never shown their query: it cannot estimate
-- `left(house_code, 2) <> province_code` (it took 99.5 % of the households to match, 2.9 M for ten
-- provinces) and planned the statements around them for that many rows, hashing every household
-- or every match; as functions it counts on `rows 1`. And parallel safe: an unmarked function kept
-- every statement calling it from parallel plans.

-- The households living in the provinces `p_provinces` in the survey years `p_years` (null: every
-- year) whose house code names another province. Null provinces: none.
create or replace function povmap.moved_in_houses(p_provinces text[], p_years smallint[] default null)
returns table (survey_year smallint, house_code text)
language plpgsql stable parallel safe rows 1 as $$
begin
  return query select h.survey_year, h.house_code from household h
  where left(h.house_code, 2) <> h.province_code
    and h.province_code = any (p_provinces) and (p_years is null or h.survey_year = any (p_years));
end
$$;

-- The households whose house code names one of the provinces `p_provinces` but that live outside
-- them, in the survey years `p_years` (null: every year): their rows are not those provinces' to
-- rewrite. Null provinces: none.
create or replace function povmap.moved_out_houses(p_provinces text[], p_years smallint[] default null)
returns table (survey_year smallint, house_code text)
language plpgsql stable parallel safe rows 1 as $$
begin
  return query select h.survey_year, h.house_code from household h
  where left(h.house_code, 2) <> h.province_code
    and left(h.house_code, 2) = any (p_provinces) and h.province_code <> all (p_provinces)
    and (p_years is null or h.survey_year = any (p_years));
end
$$;
