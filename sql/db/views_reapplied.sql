-- A view or materialized view was (re)created: every tile layer reads the rollups through the
-- 'households' data version (tiles/registry.ts, dependsOn), so bumping it makes tile servers drop
-- the tiles they cached from the previous definition.
select povmap.bump_data_version('households')
