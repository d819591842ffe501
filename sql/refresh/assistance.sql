-- The assistance logbook's rollup (area_assistance, sql/functions/area_assistance.sql), every area of
-- every year, readers never blocked (only rows whose counts changed are written). No bindings.
select povmap.refresh_rollup_table('area_assistance')
