-- The accessibility rollup per area (readers keep reading the old rows meanwhile). No bindings.
refresh materialized view concurrently area_access_stats
