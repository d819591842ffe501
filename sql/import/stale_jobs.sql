-- Import jobs not done or failed: id, state, owner (the host and pid that queued it) and whether the
-- import connection running it (backend_pid, application povmap-import) is `alive`. No bindings.
select j.id, j.state, j.owner,
       exists (select 1 from pg_stat_activity a where a.pid = j.backend_pid and a.application_name = 'povmap-import') as alive
from import_job j
where j.state <> all (array['done', 'failed'])
