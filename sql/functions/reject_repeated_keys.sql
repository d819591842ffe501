-- The same key twice in one import file: the first line is kept in import_valid, every later one is
-- removed from it and written to import_reject with `reason` (a format() text whose %s is the kept
-- line's number) against `reject_column` (null: the whole line). Each import's validate statement
-- calls it on its own key (sql/import/*_validate.sql), on the session's import_valid and the job of
-- the setting povmap.import_job. Key column names are quoted, never spliced as text.
create or replace function povmap.reject_repeated_keys(key_columns text[], reject_column text, reason text)
returns void
language plpgsql
as $fn$
begin
  execute format($sql$
    with ranked as (
      select line, first_value(line) over w as first_line, row_number() over w as n
      from import_valid
      window w as (partition by %s order by line)
    ),
    removed as (
      delete from import_valid v using ranked r where r.line = v.line and r.n > 1 returning v.line, r.first_line
    )
    insert into import_reject (job_id, line, column_name, reason)
    select current_setting('povmap.import_job')::bigint, line, %L, format(%L, first_line)
    from removed
  $sql$, (select string_agg(quote_ident(k), ', ') from unnest(key_columns) as k), reject_column, reason);
end
$fn$;
