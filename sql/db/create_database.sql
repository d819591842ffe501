-- A new, empty database for povmap in UTF-8 (template0, so no locale surprises from template1).
-- Binding: the database name, an identifier quoted by knex (its double-question-mark form).
create database ?? encoding 'UTF8' template template0
