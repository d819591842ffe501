-- The jobs a process that is gone left running (ids given, those still in a running state) get the
-- state that tells what happened:
--   before its merge committed (queued, reading, validating, merging): failed, nothing merged;
--   refreshing with a refresh still owed (a row in import_refresh_pending): refresh_pending, which
--     the next refresh (server/imports/refresh-pending.ts) turns into done;
--   refreshing with nothing owed (the merge changed nothing, or the refresh had finished): done.
-- Returns nothing. Bindings (positional): 1. job ids (bigint[]).
update import_job j
set state = case when j.state <> 'refreshing' then 'failed'
                 when exists (select 1 from import_refresh_pending p where p.job_id = j.id) then 'refresh_pending'
                 else 'done' end,
    finished_at = case when j.state = 'refreshing' and exists (select 1 from import_refresh_pending p where p.job_id = j.id)
                       then null else now() end,
    error = case when j.state <> 'refreshing'
                   then 'interrupted while ' || j.state || ': the process running the import stopped before its merge committed; nothing of it was merged'
                 when exists (select 1 from import_refresh_pending p where p.job_id = j.id)
                   then 'merged; the process stopped while refreshing the published figures: the refresh runs at the next start or import' end
where j.id = any (?::bigint[]) and j.state <> all (array['done', 'failed', 'refresh_pending'])
