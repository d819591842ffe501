-- The people's rollup (area_person_stats, sql/functions/area_person_stats.sql), every area of every
-- year, readers never blocked. No bindings.
select povmap.refresh_rollup_table('area_person_stats')
