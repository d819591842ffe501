-- After the whole file is read and checked: the lines with at least one problem (`rejected`).
-- Bindings (pg, $n): $1 job id.
select count(distinct line)::bigint as rejected from import_reject where job_id = $1
