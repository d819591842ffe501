-- The rollups the API and the tiles read, refreshed without blocking readers. No bindings.
-- The household rollups (area_stats, area_score_stats) are tables refreshed per province before
-- these (sql/refresh/household_rollups.sql, server/db/refresh.ts).
refresh materialized view concurrently area_assistance;
refresh materialized view concurrently area_person_stats;
-- the solution menu's matches and needs rest on the households (sql/views/60_menu_match.sql)
refresh materialized view concurrently menu_match;
refresh materialized view concurrently area_menu_need;
-- the registry figures place people at areas with survey data (sql/views/57_area_registry_stats.sql)
refresh materialized view concurrently area_registry_stats;
