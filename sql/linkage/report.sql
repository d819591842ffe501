-- The link report of one registry import: lines by outcome, and the link rate over the lines that
-- carried a national id. Parameters: job.
select count(*)::integer as records,
       count(*) filter (where status = 'linked')::integer as linked,
       count(*) filter (where status = 'no_match')::integer as no_match,
       count(*) filter (where status = 'bad_check_digit')::integer as bad_check_digit,
       count(*) filter (where status = 'duplicate')::integer as duplicate,
       count(*) filter (where status = 'area_only')::integer as area_only,
       count(*) filter (where id_hash is not null)::integer as with_national_id
from registry_record where job_id = :job
