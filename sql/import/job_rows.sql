-- Reading progress of an import job. Returns nothing.
-- Bindings (pg, $n): $1 job id; $2 rows read; $3 rows rejected so far.
update import_job set rows_read = $2, rows_rejected = $3 where id = $1
