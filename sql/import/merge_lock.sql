-- Inside the merge transaction: one merge at a time, whichever process runs it; the wait for it is not
-- a lock timeout (the caller restores the timeout with sql/import/lock_timeout.sql). No bindings.
set local lock_timeout = 0;
select pg_advisory_xact_lock(hashtext('povmap.import.merge'));
