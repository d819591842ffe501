-- The household rollups (area_stats, area_score_stats) of the named provinces' areas in the named
-- survey years, and the country; null provinces: every area, null years: every year
-- (sql/functions/refresh_household_rollups.sql).
-- Bindings (knex, named): provinces (text[] or null), years (smallint[] or null). Returns `changed`,
-- the rows written or deleted.
select povmap.refresh_household_rollups(:provinces::text[], :years::smallint[]) as changed
