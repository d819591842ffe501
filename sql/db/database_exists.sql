-- Whether a database exists on the server (run on the `postgres` maintenance database).
-- Binding: the database name (one positional binding, knex style). Returns one row when it exists.
select 1 as found from pg_database where datname = ?
