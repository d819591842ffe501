-- Import jobs in a running state (not done, failed or refresh_pending): id, state, owner (the host
-- and pid that queued it) and whether the connection running it (backend_pid: the import connection,
-- or the connection holding the refresh lock of a resumed refresh) is `alive`. No bindings.
select j.id, j.state, j.owner,
       exists (select 1 from pg_stat_activity a
               where a.pid = j.backend_pid and a.application_name in ('povmap-import', 'povmap-refresh')) as alive
from import_job j
where j.state <> all (array['done', 'failed', 'refresh_pending'])
