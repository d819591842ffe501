-- The household rollups (area_stats, area_score_stats) of the named provinces' areas and the
-- country, or of every area when the provinces are null (sql/functions/refresh_household_rollups.sql).
-- Bindings (knex, named): provinces (text[] or null). Returns `changed`, the rows written or deleted.
select povmap.refresh_household_rollups(:provinces::text[]) as changed
