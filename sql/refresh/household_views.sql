-- The rollups besides the household rollups that households of the named survey years can change
-- (sql/functions/refresh_household_views.sql), readers never blocked. Bindings (knex, named): years
-- (smallint[]; null: every view). Returns `views`, those refreshed.
select povmap.refresh_household_views(:years::smallint[]) as views
