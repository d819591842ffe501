-- CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with =, +, -,
-- @, tab or carriage return as a formula (=HYPERLINK(...) sends data away on a click). Every CSV the
-- product writes passes each cell through this function (server/households/csv.ts wraps every
-- column of a COPY in it); server/csv/cell.ts is the same rule for cells written from TypeScript,
-- and both are tested on one table of cases (tests/helpers/csv-cells.ts).
-- Such a cell gets a leading single quote, which spreadsheets show as text and do not run.
-- One exception, so figures stay figures: a plain negative number ("-12", "-0.5", "-1.5e-05": a
-- minus, digits, an optional fraction and exponent, nothing else) is left as it is.
-- Written to be inlined into the COPY's SELECT (not STRICT: PostgreSQL inlines a STRICT SQL function
-- only when its body is strict too, and a CASE is not; a NULL still gives NULL), and to test the first
-- character before any pattern: called per cell, 18 cells × 3.4 M people in one province's export, a
-- function call and a regular expression per cell cost the export 5 to 10 times its COPY.
create or replace function povmap.csv_cell(value text) returns text
language sql immutable parallel safe as $$
  select case
    when left(value, 1) in ('-', '=', '+', '@', E'\t', E'\r')
         and value !~ '^-[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$' then '''' || value
    else value
  end
$$;
