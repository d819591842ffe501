-- Validation of a staged result file of an agency (server/imports/formats.ts RESULTS_FORMAT); same
-- contract as households_validate.sql. A line must name a hand-off batch, a household and person of
-- that batch and the menu item it was handed off for; the stage reached, status and date as in the
-- logbook.
insert into import_reject (job_id, line, column_name, reason)
select current_setting('povmap.import_job')::bigint, s.line, p.column_name, p.reason
from import_stage s
cross join lateral (select povmap.import_int_problem(s.batch_id, 1, 9007199254740991) is null as batch_ok,
                           btrim(s.person_no) = '' or povmap.import_int_problem(s.person_no, 1, 999) is null as person_ok) ok
left join handoff_batch b on ok.batch_ok and b.id = btrim(s.batch_id)::bigint
left join menu_item m on m.code = btrim(s.menu_item)
left join handoff_target t
  on b.id is not null and m.id is not null and t.batch_id = b.id and t.house_code = btrim(s.house_code)
 and t.person_no = case when ok.person_ok then coalesce(nullif(btrim(s.person_no), '')::smallint, 1) end and t.menu_item_id = m.id
cross join lateral (values
    ('batch_id', case when not ok.batch_ok then povmap.import_int_problem(s.batch_id, 1, 9007199254740991)
                      when b.id is null then format('names no hand-off batch: %s', btrim(s.batch_id)) end),
    ('house_code', case when btrim(s.house_code) = '' then 'is missing'
                        when not povmap.is_digits(btrim(s.house_code), 12) then format('must be 12 digits, got "%s"', left(s.house_code, 40))
                        when b.id is not null and not exists (select 1 from handoff_target x where x.batch_id = b.id and x.house_code = btrim(s.house_code))
                          then format('is not a household of batch %s', b.id) end),
    ('person_no', case when not ok.person_ok then povmap.import_int_problem(s.person_no, 1, 999) end),
    ('menu_item', case when btrim(s.menu_item) = '' then 'is missing'
                       when m.id is null then format('names no menu item: "%s"', left(s.menu_item, 40))
                       when b.id is not null and t.batch_id is null
                        and exists (select 1 from handoff_target x where x.batch_id = b.id and x.house_code = btrim(s.house_code))
                         then format('was not handed off for this household (person %s) in batch %s', coalesce(nullif(btrim(s.person_no), ''), '1'), b.id) end),
    ('stage', povmap.import_choice_problem(s.stage, array['survive', 'sufficiency', 'sustainable'])),
    ('status', povmap.import_choice_problem(s.status, array['planned', 'in_progress', 'done'])),
    ('done_on', case when btrim(s.done_on) = '' then 'is missing'
                     when btrim(s.done_on) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' or not povmap.is_date(btrim(s.done_on))
                       then format('must be a date YYYY-MM-DD, got "%s"', left(s.done_on, 40)) end),
    ('note', case when length(s.note) > 2000 then 'is longer than 2000 characters' end)
) as p(column_name, reason)
where p.reason is not null;

drop table if exists import_valid;
create temp table import_valid as
select s.line, b.id as batch_id, b.survey_year, b.agency, btrim(s.house_code) as house_code,
       coalesce(nullif(btrim(s.person_no), '')::smallint, 1) as person_no, m.id as menu_item_id, m.dimension,
       btrim(s.stage) as stage, btrim(s.status) as status, btrim(s.done_on)::date as done_on, nullif(s.note, '') as note
from import_stage s
join handoff_batch b on b.id = btrim(s.batch_id)::bigint
join menu_item m on m.code = btrim(s.menu_item)
where not exists (select 1 from import_reject r where r.job_id = current_setting('povmap.import_job')::bigint and r.line = s.line);

-- The same logbook entry twice in one file (same household and person, agency, date, dimension,
-- stage and status: the logbook's key): the first line is kept, later ones rejected.
select povmap.reject_repeated_keys(array['survey_year', 'house_code', 'person_no', 'agency', 'done_on', 'dimension', 'stage', 'status'], null, 'repeats the logbook entry of line %s (same household and person, agency, date, dimension, stage and status)');
