-- The villages' 2SFCA clinic ratio (d0 = 10 km, sql/functions/clinic_2sfca.sql). Returns nothing useful.
-- Bindings (positional): 1. survey years to refresh (smallint[]; null = every year).
select povmap.refresh_clinic_2sfca(?::smallint[])
