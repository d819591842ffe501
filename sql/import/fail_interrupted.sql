-- Mark failed the jobs a process that is gone left running (those still not done or failed), saying
-- in which state they were interrupted. Returns nothing.
-- Bindings (positional): 1. job ids (bigint[]).
update import_job
set state = 'failed', finished_at = now(),
    error = 'interrupted while ' || state || ': the process running the import stopped; nothing of it was merged unless the state was refreshing'
where id = any (?::bigint[]) and state <> all (array['done', 'failed'])
