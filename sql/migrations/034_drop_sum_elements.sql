-- The aggregate povmap.sum_elements summed the household rollups' per-indicator arrays for the
-- country row by hand. The country's rows are now summed by povmap.add_country_rows, like every
-- other parent area's (sql/functions/add_parent_area_rows.sql): the aggregate and its step function
-- are used nowhere.
drop aggregate if exists povmap.sum_elements(integer[]);
drop function if exists povmap.add_elements(integer[], integer[]);
