-- Rebuild the neighbour pairs of every admin level, queen with 1 m snapping and k-nearest
-- (sql/functions/refresh_spatial_weights.sql). No bindings.
select povmap.refresh_spatial_weights()
