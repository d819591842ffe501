-- Whether the private cluster can feed a streaming replica (server/db/replica-cluster.ts). No bindings.
select current_setting('wal_level') as wal_level, current_setting('max_wal_senders')::int as max_wal_senders
