-- A registry import's lines per province: linked (by the linked household's province), exclusion-error
-- candidates (no match) and area-only lines (by their area code's province), for admins.
-- Parameters: job.
select coalesce(h.province_code, a.province_code) as province_code,
       count(*) filter (where r.status = 'linked')::integer as linked,
       count(*) filter (where r.status = 'no_match')::integer as exclusion_candidates,
       count(*) filter (where r.status = 'area_only')::integer as area_only
from registry_record r
left join household h on h.survey_year = r.survey_year and h.house_code = r.house_code
left join admin_area a on a.code = r.area_code
where r.job_id = :job and r.status in ('linked', 'no_match', 'area_only')
group by 1
order by 1 nulls last
