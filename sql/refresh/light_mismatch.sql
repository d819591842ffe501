-- Refit the light-vs-poverty model of every level and year (sql/functions/refresh_light_mismatch.sql). No bindings.
select povmap.refresh_light_mismatch()
