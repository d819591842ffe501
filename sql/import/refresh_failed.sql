-- The refresh after these jobs' merge failed (an error, not a stop): a job that still owes one is
-- refresh_pending, saying so (the next start or import runs it); one that owes none is done.
-- Returns nothing. Bindings (pg, $n): $1 job ids (bigint[]).
update import_job j
set state = case when exists (select 1 from import_refresh_pending p where p.job_id = j.id) then 'refresh_pending' else 'done' end,
    finished_at = case when exists (select 1 from import_refresh_pending p where p.job_id = j.id) then null else now() end,
    error = case when exists (select 1 from import_refresh_pending p where p.job_id = j.id)
                 then 'merged; refreshing the published figures failed (the error is logged): the refresh runs again at the next start or import' end
where j.id = any ($1::bigint[]) and j.state in ('refreshing', 'refresh_pending')
