-- The solution menu's matches of some provinces, found by index (issue 18 item 3). A refresh after
-- an import of provinces 10 and 14 read all 8.1 M rows of menu_match twice to pick theirs by
-- `left(house_code, 2)` (the merge's scope in povmap.refresh_menu_match, and area_menu_need_rows):
-- 1.9 s and 1.4 s on the national profile. The primary key leads with the survey year and cannot
-- serve a filter on the house code's first two digits for several provinces at once.
create index if not exists menu_match_province_idx on menu_match (left(house_code, 2), survey_year);
