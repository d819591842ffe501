-- The last step of measuring one province's distances, or one part of them, after the rows of
-- access_todo were written (sql/functions/refresh_household_access.sql): the villages' demand points
-- written or deleted (`villages_changed`; none by a part: it leaves them owed,
-- sql/access/refresh_owed_demand.sql).
-- Bindings (positional): 1. province code; 2. survey years (smallint[]; null = every year); 3. the
-- number of parts; 4.–7. what sql/access/begin_household_access.sql returned: recount_demand,
-- owed_years, left_provinces, left_rows.
select povmap.end_household_access(?, ?::smallint[], ?::integer, ?::boolean, ?::smallint[], ?::text[], ?::text[]) as villages_changed
