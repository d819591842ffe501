-- After a boundary import, done or failed: drop the staging schema. No bindings.
drop schema if exists import_boundary cascade
