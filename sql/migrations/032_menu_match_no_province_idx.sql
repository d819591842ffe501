-- The solution menu's matches of some provinces are read by ranges of the primary key (survey year,
-- house code: povmap.house_code_ranges) instead of the index of migration 028 on the house code's
-- first two digits, which every new match had to be written into: in the refresh after 100,000
-- households of provinces 10 and 14 changed (national), inserting their 1,032,845 new matches took
-- 9.9 s with it and 7.3 s without.
drop index if exists menu_match_province_idx;
