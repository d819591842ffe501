-- One refresh of pending imports at a time, whichever process runs it: a session lock, held on its
-- own connection until the refresh is done (or the process dies and the server drops it). No bindings.
select pg_advisory_lock(hashtext('povmap.import.refresh'))
