-- One row, one column: the database answers. No bindings.
select 1 as ok
