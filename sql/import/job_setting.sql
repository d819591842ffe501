-- The job id the validation SQL writes its rejects under (setting povmap.import_job, for the session).
-- Bindings (pg, $n): $1 job id as text.
select set_config('povmap.import_job', $1, false)
