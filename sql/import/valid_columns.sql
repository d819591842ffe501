-- The columns of the import connection's import_valid as a table definition (`columns`), so the
-- connection that merges can make an empty table of the same shape to copy the rows into.
-- No bindings.
select string_agg(format('%I %s', attname, format_type(atttypid, atttypmod)), ', ' order by attnum) as columns
from pg_attribute
where attrelid = 'import_valid'::regclass and attnum > 0 and not attisdropped
