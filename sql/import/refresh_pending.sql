-- The refreshes owed by merged imports (under the refresh lock): job_id, kind, provinces, years
-- (null = all). No bindings.
select job_id, kind, provinces, years from import_refresh_pending order by job_id
