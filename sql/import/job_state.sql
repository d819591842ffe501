-- An import job enters a state on the import connection (whose backend pid marks it as running);
-- its valid and rejected counts are set when given. Returns nothing.
-- Bindings (pg, $n): $1 job id; $2 state; $3 rows_valid or null (unchanged); $4 rows_rejected or null.
update import_job
set state = $2, backend_pid = pg_backend_pid(), started_at = coalesce(started_at, now()),
    rows_valid = coalesce($3, rows_valid), rows_rejected = coalesce($4, rows_rejected)
where id = $1
