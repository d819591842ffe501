-- The stored tile figures made equal to their definition (sql/functions/refresh_tile_area_metrics.sql).
-- Bindings (knex, named): years (smallint[]: only these survey years' rows; null: every year).
select povmap.refresh_tile_area_metrics(:years::smallint[]) as changed
