-- The stored tile figures made equal to their definition (sql/functions/refresh_tile_area_metrics.sql). No bindings.
select povmap.refresh_tile_area_metrics() as changed
