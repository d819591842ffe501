-- Logbook status of a household: the status of its most recent assistance_log entry, 'none' when
-- nothing has been logged. One definition for the filter, the list and the CSV.
create or replace function povmap.logbook_status(year smallint, code text) returns text
language sql stable parallel safe as $$
  select coalesce((select l.status from assistance_log l
                   where l.survey_year = year and l.house_code = code
                   order by l.done_on desc, l.id desc limit 1), 'none')
$$;
