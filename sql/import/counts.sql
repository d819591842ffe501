-- After validation: rows that passed (`valid`) and lines with at least one problem (`rejected`).
-- Bindings (pg, $n): $1 job id.
select (select count(*) from import_valid)::bigint as valid,
       (select count(distinct line) from import_reject where job_id = $1)::bigint as rejected
