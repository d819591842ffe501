-- The merge of an import job is done (inside its transaction): its counts, and on to refreshing.
-- Returns nothing. Bindings (pg, $n): $1 job id; $2 inserted; $3 updated; $4 unchanged.
update import_job set state = 'refreshing', inserted = $2, updated = $3, unchanged = $4 where id = $1
