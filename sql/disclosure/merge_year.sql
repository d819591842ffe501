-- Makes the staged areas of one survey year (stage_year.sql, copy_year.sql: those whose decisions'
-- digest differs from the stored one) equal in area_public, writing only the rows that differ
-- (povmap.merge_rollup_rows): a new or changed area is written, an area decided exactly as before
-- (jsonb equality: key order aside, and the same digest) is left alone. Readers keep the old rows
-- until the caller commits. Returns `changed`, the rows deleted and inserted: 0 when the policy
-- decided the year as before, and then nothing resting on its decisions needs making again.
-- (Reading the year's stored rows into the server to compare them took 8 s on the national profile;
-- sending every area to compare here, 95 MB of JSON, 5.7 s: hence the digests.)
-- Bindings (knex, named): year.
select povmap.merge_rollup_rows('area_public', 'area_public_staged', array['survey_year', 'code'],
                                't.survey_year = any ($2) and t.code in (select s.code from area_public_staged s)',
                                null, array[:year]::smallint[]) as changed
