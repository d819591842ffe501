-- Drop a database even while sessions are connected to it (PostgreSQL 13+ ends them).
-- Binding: the database name, an identifier quoted by knex (its double-question-mark form).
drop database if exists ?? with (force)
