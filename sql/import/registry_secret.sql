-- The secret the registry linkage hashes national ids with (server/linkage/secret.ts), for this
-- session only (sql/views/56_linkable_identity.sql and sql/import/registry_*.sql read it).
-- Bindings (pg, $n): $1 the secret.
select set_config('povmap.id_secret', $1, false)
