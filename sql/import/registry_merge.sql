-- Linkage of a validated registry (import_valid) to the surveys, inside the import's one transaction:
-- one registry_record per line with its outcome (statuses in sql/migrations/007_solution_menu.sql).
-- A valid id links to the surveyed person with that keyed hash (sql/views/56_linkable_identity.sql;
-- the newest survey year when several); a later line with the id of an earlier one is a duplicate
-- and does not link. A valid id that links nowhere is an exclusion-error candidate (target group 4,
-- counted in the line's reference year by sql/views/57_area_registry_stats.sql).
with first_of_id as (
  select distinct on (id_hash) line, id_hash from import_valid
  where id_hash is not null and check_digit_ok order by id_hash, line
),
matched as (
  select distinct on (f.line) f.line, i.survey_year, i.house_code, i.person_no
  from first_of_id f
  join linkable_identity i on i.id_hash = f.id_hash
  order by f.line, i.survey_year desc, i.house_code, i.person_no
),
inserted as (
  insert into registry_record (job_id, line, reference_year, registry, record_id, id_hash, area_code, problem, status, survey_year, house_code, person_no)
  select current_setting('povmap.import_job')::bigint, v.line, v.reference_year, v.registry, v.record_id, v.id_hash, v.area_code, v.problem,
         case when v.id_hash is null then 'area_only'
              when not v.check_digit_ok then 'bad_check_digit'
              when f.line is null then 'duplicate'
              when m.line is not null then 'linked'
              else 'no_match' end,
         m.survey_year, m.house_code, m.person_no
  from import_valid v
  left join first_of_id f on f.line = v.line
  left join matched m on m.line = v.line
  returning 1
)
select count(*)::bigint as inserted, 0::bigint as updated from inserted;
