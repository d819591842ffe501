-- The stored tile figures made equal to their definition (sql/functions/refresh_tile_area_metrics.sql),
-- of `years` only, building whole objects only for the areas this transaction's merges noted
-- (disclosure/note_changed_areas.sql); every other area takes only the relative figures anew.
-- Bindings (knex, named): years (smallint[]).
select povmap.refresh_tile_area_metrics(:years::smallint[], array(select code from pg_temp.changed_area)) as changed
