-- Merge of validated logbook entries (import_valid) into assistance_log, inside the import's one
-- transaction. An entry is identified by assistance_log_entry_key; only its note can change.
with merged as (
  insert into assistance_log as l (survey_year, house_code, agency, done_on, dimension, stage, status, note)
  select survey_year, house_code, agency, done_on, dimension, stage, status, note
  from import_valid
  on conflict (survey_year, house_code, person_no, agency, done_on, dimension, stage, status) do update set note = excluded.note
  where l.note is distinct from excluded.note
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted,
       count(*) filter (where not inserted)::bigint as updated
from merged;
