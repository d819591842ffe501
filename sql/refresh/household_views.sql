-- The rollups besides the household rollups that households of the named provinces and survey years
-- can change (sql/functions/refresh_household_views.sql), in the caller's transaction, readers never
-- blocked. Bindings (knex, named): provinces (text[]; null: every area), years (smallint[]; null:
-- every year). Returns `views`, the tables refreshed.
select povmap.refresh_household_views(:provinces::text[], :years::smallint[]) as views
