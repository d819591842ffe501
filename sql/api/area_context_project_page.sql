-- One page of the budgeted projects inside an area (as area_context_project_totals.sql), largest
-- budget first, then by project code. Parameters: code, limit, offset.
select p.project_code, p.title_th, p.title_en, p.agency, p.budget_baht::float8 as budget_baht, p.area_code,
       p.addresses, p.stage, p.status, p.progress, p.start_year
from project p
join admin_area a on a.code = p.area_code
where :code = 'TH' or a.code = :code or a.province_code = :code or a.district_code = :code or a.subdistrict_code = :code
order by p.budget_baht desc, p.project_code
limit :limit offset :offset
