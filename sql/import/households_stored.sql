-- Whether any survey year of the validated households is stored already (`stored`): if not, they are
-- all new and sql/import/households_insert.sql inserts them without looking them up. No bindings.
select exists (select 1 from household
               where survey_year = any (array(select distinct survey_year from import_valid))) as stored
