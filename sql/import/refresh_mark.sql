-- Inside the merge transaction, when the merge changed something: the refresh this job owes the
-- published figures (deleted by sql/import/refresh_done.sql once it has run). Returns nothing.
-- Bindings (pg, $n): $1 job id; $2 kind; $3 provinces changed (text[], null = all); $4 survey years (smallint[], null = all).
insert into import_refresh_pending (job_id, kind, provinces, years)
values ($1, $2, $3::text[], $4::smallint[])
on conflict (job_id) do nothing
