-- A refresh starts for jobs whose own process is gone (refresh_pending): they are refreshing again,
-- on the connection holding the refresh lock (so a stop now is noticed as an interruption again).
-- Jobs still refreshing in their own process keep their connection. Returns nothing.
-- Bindings (pg, $n): $1 job ids (bigint[]).
update import_job set state = 'refreshing', backend_pid = pg_backend_pid(), error = null
where id = any ($1::bigint[]) and state = 'refresh_pending'
