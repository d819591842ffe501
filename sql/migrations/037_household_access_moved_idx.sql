-- The distances of households whose house code starts with another province's code than the one
-- their row is in (a household keeps its code when it moves): few, usually none. Measuring a
-- province looks here for the rows its newly measured households left in the province they came
-- from (povmap.refresh_household_access) instead of joining them with every row of the table, which
-- scanned all of it once per province (3.7 s for province 30 of the national profile).
create index household_access_moved_idx on household_access (survey_year, house_code) where left(house_code, 2) <> province_code;
