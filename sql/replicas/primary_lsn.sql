-- Where the primary's WAL ends now: a caller who just wrote reads from the primary until a replica
-- has replayed this far (read-your-writes, server/plugins/read-routing.ts), and /health reports
-- each replica's lag in bytes behind it. No bindings.
select pg_current_wal_insert_lsn()::text as lsn
