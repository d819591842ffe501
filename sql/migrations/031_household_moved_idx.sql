-- The households whose house code starts with another province's code than the one they live in (a
-- household keeps its code when it moves): few, usually none. The rollups that read the logbook and
-- the menu's matches by the code's first two digits find them through this index
-- (povmap.moved_in_houses), instead of reading every household of the refreshed provinces (0.7 s
-- for provinces 10 and 14 of the national profile, each time).
create index household_moved_idx on household (province_code, survey_year) include (house_code) where left(house_code, 2) <> province_code;
