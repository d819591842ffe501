-- The rollups the API and the tiles read, refreshed without blocking readers. No bindings.
refresh materialized view concurrently area_stats;
refresh materialized view concurrently area_score_stats;
refresh materialized view concurrently area_assistance;
refresh materialized view concurrently area_person_stats;
