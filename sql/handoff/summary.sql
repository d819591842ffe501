-- The agency view of hand-off batches: per batch, the targets handed off (rows: person or household, and item),
-- those acted on (at least one logbook entry written from the agency's results for that household and
-- item), those done (an entry with status done), and the outstanding (handed off, not acted on).
-- Parameters: agency (null = every agency), batch (null = every batch), user_id (null = anyone's).
select b.id, b.agency, b.survey_year, b.area_code, b.unit, b.filter, b.row_count, b.username, b.created_at,
       count(t.house_code)::integer as handed_off,
       count(t.house_code) filter (where r.acted)::integer as acted_on,
       count(t.house_code) filter (where r.done)::integer as done,
       count(t.house_code) filter (where r.acted is null)::integer as outstanding
from handoff_batch b
left join handoff_target t on t.batch_id = b.id
left join lateral (
  select true as acted, bool_or(a.status = 'done') as done
  from assistance_log a
  where a.handoff_batch_id = t.batch_id and a.survey_year = t.survey_year and a.house_code = t.house_code
    and a.person_no = t.person_no and a.menu_item_id = t.menu_item_id
  having count(*) > 0
) r on true
where (cast(:agency as text) is null or b.agency = :agency)
  and (cast(:batch as bigint) is null or b.id = :batch)
  and (cast(:user_id as integer) is null or b.user_id = :user_id)
group by b.id
order by b.id desc
