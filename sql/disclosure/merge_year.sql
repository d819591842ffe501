-- Makes one survey year of area_public equal to the staged decisions (stage_year.sql), writing only
-- the rows that differ (povmap.merge_rollup_rows): an area no longer decided goes, a new or changed
-- one is written, an area decided exactly as before (jsonb equality: key order aside) is left alone.
-- Readers keep the old rows until the caller commits. Returns `changed`, the rows deleted and
-- inserted: 0 when the policy decided the year as before, and then nothing resting on its
-- decisions needs making again. (Reading the year's stored rows into the server to compare them
-- took 8 s on the national profile, and rewriting every row another pass over the table and its index.)
-- Bindings (knex, named): year.
select povmap.merge_rollup_rows('area_public', 'area_public_staged', array['survey_year', 'code'],
                                't.survey_year = any ($2)', null, array[:year]::smallint[]) as changed
