-- The rollups the API and the tiles read besides the household rollups (the logbook, the people, the
-- solution menu, the registry figures), every one refreshed without blocking readers
-- (sql/functions/refresh_household_views.sql). The household rollups (area_stats, area_score_stats)
-- are tables refreshed before these (sql/refresh/household_rollups.sql, server/db/refresh.ts).
-- No bindings.
select povmap.refresh_household_views() as views
