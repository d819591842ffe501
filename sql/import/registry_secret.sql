-- The secret the registry linkage hashes national ids with (server/linkage/secret.ts), for this
-- session only (sql/import/registry_validate.sql reads it).
-- Bindings (pg, $n): $1 the secret.
select set_config('povmap.id_secret', $1, false)
