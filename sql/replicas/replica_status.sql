-- What the read router needs to know of a replica (server/db/replicas.ts), read every second and
-- right after a data-version change: is it a standby, how far it has replayed the primary's WAL,
-- how old the last replayed transaction is, and the data versions it holds now. A replica whose
-- versions are behind the primary's is not read from, so no cache stores its older rows under the
-- newer version. No bindings.
select pg_is_in_recovery() as in_recovery,
       pg_last_wal_replay_lsn()::text as replay_lsn,
       extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as replay_age_s,
       (select coalesce(json_object_agg(name, version), '{}'::json) from data_version) as versions
