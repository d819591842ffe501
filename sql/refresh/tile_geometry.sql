-- Rebuild the per-zoom-band simplified geometry the tiles draw (sql/functions/refresh_tile_geometry.sql). No bindings.
select povmap.refresh_tile_geometry()
