-- The refresh owed by these jobs has run: their marks deleted and the jobs done, in one statement
-- (one transaction), so a job is never done with a mark left or unmarked while not done.
-- Returns nothing. Bindings (pg, $n): $1 job ids (bigint[]).
with cleared as (
  delete from import_refresh_pending where job_id = any ($1::bigint[]) returning job_id
)
update import_job set state = 'done', finished_at = now(), error = null
where id in (select job_id from cleared) and state in ('refreshing', 'refresh_pending')
