-- The import connection's lock timeout for the rest of the transaction.
-- Bindings (pg, $n): $1 the timeout (e.g. '10s').
select set_config('lock_timeout', $1, true)
