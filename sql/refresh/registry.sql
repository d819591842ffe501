-- After a registry import: the registry figures (target groups 3.2 and 4; area_registry_stats,
-- sql/functions/area_registry_stats.sql), every year, readers never blocked. No bindings.
select povmap.refresh_rollup_table('area_registry_stats')
