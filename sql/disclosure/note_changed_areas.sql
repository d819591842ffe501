-- An empty table, private to this session and dropped at commit, into which the rollup merges of the
-- refresh's transaction note the codes of the areas whose rows they change
-- (sql/functions/merge_rollup_rows.sql), so the tile figures are built again for those areas alone
-- (refresh/tile_area_metrics_of_changed.sql).
create temp table if not exists changed_area (code text primary key) on commit drop;
truncate changed_area;
