-- One part of the areas' neighbour pairs, staged (sql/functions/refresh_spatial_weights.sql).
-- Bindings (positional): 1. the part (0-based); 2. the number of parts.
select povmap.stage_spatial_weights_part(?::integer, ?::integer)
