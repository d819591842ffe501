-- The database's size for people (`size`, e.g. "412 MB"). No bindings.
select pg_size_pretty(pg_database_size(current_database())) as size
