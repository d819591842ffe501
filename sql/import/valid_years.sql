-- The survey years of the validated households in import_valid (`years`, smallint[], empty when none).
-- No bindings.
select coalesce(array_agg(distinct survey_year), '{}') as years from import_valid
