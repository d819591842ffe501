-- Hand-off batches per person or per household (issue 21, person level). A batch "per person" has
-- one row per matched member and menu item; "per household" one row per household and item,
-- addressed to its head (person_no 1), whichever of its members the item matched. Batches made
-- before this migration were per household (each household was its head).
alter table handoff_batch add column unit text not null default 'household' check (unit in ('person', 'household'));

-- A logbook entry is the person's once results come back per person: two children of a household
-- helped by the same agency on the same day at the same stage are two entries, not one. Entries of
-- the household (the assistance import, the logbook form) keep person_no 1, so their key is unchanged.
drop index assistance_log_entry_key;
create unique index assistance_log_entry_key
  on assistance_log (survey_year, house_code, person_no, agency, done_on, dimension, stage, status);
