-- Linkage of a validated registry (import_valid) to the surveys, inside the import's one transaction:
-- one registry_record per line with its outcome (statuses in sql/migrations/007_solution_menu.sql).
-- A valid id links to the surveyed person with that id (the newest survey year when several); a
-- later line with the id of an earlier one is a duplicate and does not link. A valid id that links
-- nowhere is an exclusion-error candidate (target group 4, counted in the line's reference year by
-- sql/functions/area_registry_stats.sql).
-- Set-based: the first line of each id (registry_first, made by registry_validate.sql), joined with
-- the person table on the id in this session's temporary table, where the id is still in clear: a
-- merge join in id order over person_national_id_link_idx, which carries the person's key, so no
-- person row is read (sql/migrations/020_registry_link_index.sql). Joining on the id itself finds
-- exactly the people a join on the keyed hash would (HMAC-SHA256 is a function of the id, the same
-- secret for all), without hashing every surveyed person's id on every import. Only the keyed hash
-- is stored.
with matched as (
  select distinct on (f.line) f.line, p.survey_year, p.house_code, p.person_no
  from registry_first f
  join person p on p.national_id = f.national_id
  order by f.line, p.survey_year desc, p.house_code, p.person_no
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
  left join registry_first f on f.line = v.line
  left join matched m on m.line = v.line
  returning 1
)
select count(*)::bigint as inserted, 0::bigint as updated from inserted;
