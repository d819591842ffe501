-- The accessibility rollup's counts (area_access_counts, sql/functions/area_access_counts.sql) of the
-- provinces' areas and the country, in the caller's transaction, readers never blocked.
-- Bindings (knex, named): provinces (text[]; null: every area), years (smallint[]; null: every year).
-- Returns `written`, the rows deleted and inserted.
select povmap.refresh_rollup_table('area_access_counts', :provinces::text[], :years::smallint[]) as written
