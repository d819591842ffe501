-- What a streaming replica needs of the private cluster (server/db/replica-cluster.ts), applied by a
-- restart. ALTER SYSTEM runs outside a transaction: the caller runs each statement on its own.
-- wal_keep_size keeps enough WAL for a replica that was stopped a while to catch up without a new copy.
alter system set wal_level = 'replica';
alter system set max_wal_senders = 4;
alter system set wal_keep_size = '2GB'
