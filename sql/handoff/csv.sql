-- The rows of a hand-off CSV for an agency: one per target (a person, or a household addressed to
-- its head, person_no 1) and menu item, with what the agency needs to find and help them (the
-- person's own national id, age, sex and relation to the head), the item's failed indicators, and
-- empty stage, status and done_on for the agency to fill in and send back (POST /api/imports/results:
-- the file as it is, filled in, is a result file). Names and ids masked without the PII grant.
-- Parameters: batch, pii (boolean). Inlined for COPY (server/handoff/batches.ts).
-- Each item's indicator mask once per item (a materialised CTE): written inside the per-row
-- subquery, povmap.menu_mask ran once per output row and indicator, 23 M calls for the national
-- bench's 1.4 M-row batch, most of the export's time.
with item as materialized (
  select m.id, m.agency, m.code, m.title_th, m.dimension, m.stage, povmap.menu_mask(m.dimension, m.indicators) as mask
  from menu_item m
)
select t.batch_id, t.house_code, t.person_no, t.survey_year,
       case when cast(:pii as boolean) then l.head_name else l.head_name_masked end as head_name,
       case when cast(:pii as boolean) then coalesce(p.national_id, l.national_id)
            else povmap.mask_national_id(coalesce(p.national_id, l.national_id)) end as national_id,
       p.age, p.sex, p.relation_to_head,
       l.village_code, l.address_th, m.agency, m.code as menu_item, m.title_th, m.dimension,
       (select string_agg(i.id, ';' order by i.number) from povmap.indicator i
         where l.deprived & m.mask & (1 << (i.number - 1)) <> 0) as failed_indicators,
       m.stage as menu_item_stage, null::text as stage, null::text as status, null::text as done_on
from handoff_target t
join household_list l on l.survey_year = t.survey_year and l.house_code = t.house_code
left join person p on p.survey_year = t.survey_year and p.house_code = t.house_code and p.person_no = t.person_no
join item m on m.id = t.menu_item_id
where t.batch_id = :batch
order by l.village_code, t.house_code, t.person_no, m.code
