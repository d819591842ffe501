-- The people's rollup, refreshed without blocking readers. No bindings.
refresh materialized view concurrently area_person_stats
