-- An import job whose merge changed nothing, or whose refresh has run, is done (unless the refresh
-- already said so). Returns nothing. Bindings (pg, $n): $1 job id.
update import_job set state = 'done', finished_at = coalesce(finished_at, now()) where id = $1 and state = 'refreshing'
