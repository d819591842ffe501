-- A pooled connection's statement time-out for the request that holds it (server/db/budget.ts sets it
-- when a connection is handed to a request of another route class; 0 = no limit).
-- Bindings (pg, $n): $1 the time-out in milliseconds, as text (e.g. '5000').
select set_config('statement_timeout', $1, false)
