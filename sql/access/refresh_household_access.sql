-- Distances to the nearest school and clinic of one province's households (sql/functions/refresh_household_access.sql); `n`
-- is the number of households written.
-- Bindings (positional): 1. province code; 2. survey years to refresh (smallint[]; null = every year).
select povmap.refresh_household_access(?, p_years => ?::smallint[]) as n
