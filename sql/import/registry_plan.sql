-- The plan of the registry's link join (sql/import/registry_merge.sql), for the merge transaction
-- only: no merge join. Left free, the planner may walk the whole of person_national_id_idx and fetch
-- every surveyed person's row in id order (16.4 s for the demo's 2.9 M people, EXPLAIN ANALYZE),
-- where one sequential scan of person against a hash join takes 5.1 s. No bindings.
set local enable_mergejoin = off
