-- Drop a database even while sessions are connected to it (PostgreSQL 13+ ends them).
-- Bindings: ?? the database name (an identifier, quoted by knex).
drop database if exists ?? with (force)
