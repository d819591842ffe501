-- The neighbour pairs staged by the parts (sql/refresh/spatial_weights_part.sql) in place of the
-- stored ones, in one transaction (sql/functions/refresh_spatial_weights.sql). No bindings.
select povmap.replace_spatial_weights_from_parts()
