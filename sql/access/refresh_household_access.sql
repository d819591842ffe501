-- Distances to the nearest school and clinic of one province's households (sql/functions/refresh_household_access.sql);
-- `measured`: the households measured, `villages_changed`: the villages' demand points written or deleted.
-- Bindings (positional): 1. province code; 2. survey years to refresh (smallint[]; null = every year);
-- 3. whether every household is measured again (true: the services changed) or only those without
-- a row for their present location (false: after an import).
select measured, villages_changed from povmap.refresh_household_access(?, p_years => ?::smallint[], p_remeasure => ?::boolean)
