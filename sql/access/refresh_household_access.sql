-- Distances to the nearest school and clinic of one province's households, or of one part of them
-- (sql/functions/refresh_household_access.sql); `measured`: the households measured, `reused`: those
-- given the distances of their house at the same point in another year, `villages_changed`: the
-- villages' demand points written or deleted (none by a part: it leaves them owed,
-- sql/access/refresh_owed_demand.sql).
-- Bindings (positional): 1. province code; 2. survey years to refresh (smallint[]; null = every year);
-- 3. whether every household is measured again (true: the services changed) or only those without
-- a row for their present location (false: after an import); 4. the part (0-based) and 5. the
-- number of parts (1: the whole province).
select measured, reused, villages_changed
from povmap.refresh_household_access(?, p_years => ?::smallint[], p_remeasure => ?::boolean, p_part => ?::integer, p_parts => ?::integer)
