-- Merge of an agency's validated results (import_valid) into the assistance logbook, inside the
-- import's one transaction: each line is a logbook entry of the batch's agency, in the dimension of
-- the menu item, naming its batch and item. An entry already there (the logbook's key) keeps its
-- place; its note, batch and item are updated where they differ.
with merged as (
  insert into assistance_log as l (survey_year, house_code, person_no, agency, done_on, dimension, stage, status, note, handoff_batch_id, menu_item_id)
  select survey_year, house_code, person_no, agency, done_on, dimension, stage, status, note, batch_id, menu_item_id
  from import_valid
  on conflict (survey_year, house_code, person_no, agency, done_on, dimension, stage, status) do update
    set note = excluded.note, handoff_batch_id = excluded.handoff_batch_id, menu_item_id = excluded.menu_item_id, person_no = excluded.person_no
  where (l.note, l.handoff_batch_id, l.menu_item_id, l.person_no) is distinct from
        (excluded.note, excluded.handoff_batch_id, excluded.menu_item_id, excluded.person_no)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted,
       count(*) filter (where not inserted)::bigint as updated
from merged;
