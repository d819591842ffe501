-- The assistance logbook's rollup, refreshed without blocking readers. No bindings.
refresh materialized view concurrently area_assistance
