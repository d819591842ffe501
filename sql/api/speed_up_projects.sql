-- Budgeted projects inside an area ('TH' = all; as area_context_project_totals.sql) without progress:
-- not done, 0 % and begun before the given year; largest budget first, then by code, at most limit rows.
-- Parameters: code, year, limit.
select p.project_code, p.title_th, p.title_en, p.agency, p.budget_baht::float8 as budget_baht, p.area_code,
       p.addresses, p.stage, p.status, p.progress, p.start_year
from project p
join admin_area a on a.code = p.area_code
where (:code = 'TH' or a.code = :code or a.province_code = :code or a.district_code = :code or a.subdistrict_code = :code)
  and p.status <> 'done' and p.progress = 0 and p.start_year < :year
order by p.budget_baht desc, p.project_code
limit :limit
