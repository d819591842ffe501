-- Makes one survey year of area_public equal to the staged decisions (stage_year.sql), writing only
-- the rows that differ: an area no longer decided goes, a new or changed one is written, an area
-- decided exactly as before (jsonb equality: key order aside) is left alone. Readers keep the old
-- rows until the caller commits. Returns how many rows went and were written: both 0 when the
-- policy decided the year as before, and then nothing resting on its decisions needs making again.
-- (Reading the year's stored rows into the server to compare them cost 8 s on the national profile,
-- and rewriting every row another full pass over the table and its index.)
-- Bindings (knex, named): year.
with gone as (
  delete from area_public p
  where p.survey_year = :year
    and not exists (select 1 from area_public_staged s where s.code = p.code)
  returning 1
), written as (
  insert into area_public as p (survey_year, code, suppressed, cells, withheld)
  select s.survey_year, s.code, s.suppressed, s.cells, s.withheld from area_public_staged s
  on conflict (survey_year, code) do update
    set suppressed = excluded.suppressed, cells = excluded.cells, withheld = excluded.withheld
    where (p.suppressed, p.cells, p.withheld) is distinct from (excluded.suppressed, excluded.cells, excluded.withheld)
  returning 1
)
select (select count(*) from gone)::integer as removed, (select count(*) from written)::integer as written
