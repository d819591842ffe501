-- After a registry import: the registry figures (target groups 3.2 and 4), readers never blocked. No bindings.
refresh materialized view concurrently area_registry_stats
