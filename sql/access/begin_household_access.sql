-- The first step of measuring one province's distances to the nearest school and clinic, or one
-- part of them (sql/functions/refresh_household_access.sql; server/access/measure.ts runs the three
-- steps in one transaction): leaves the households to measure in access_todo (a temporary view or
-- table).
-- `reused`: the households given the distances of their house at the same point in another year; the
-- other columns go back to sql/access/end_household_access.sql.
-- Bindings (positional): 1. province code; 2. survey years to refresh (smallint[]; null = every year);
-- 3. whether every household is measured again (true: the services changed) or only those without
-- a row for their present location (false: after an import); 4. the part (0-based) and 5. the
-- number of parts (1: the whole province).
select reused, recount_demand, owed_years, left_provinces, left_rows
from povmap.begin_household_access(?, p_years => ?::smallint[], p_remeasure => ?::boolean, p_part => ?::integer, p_parts => ?::integer)
