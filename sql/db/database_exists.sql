-- Whether a database exists on the server (run on the `postgres` maintenance database).
-- Bindings: ? the database name. Returns one row when it exists.
select 1 as found from pg_database where datname = ?
