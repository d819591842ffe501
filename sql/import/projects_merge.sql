-- Merge of validated projects (import_valid) into project, inside the import's one transaction: a
-- project code already there takes the file's row (its status and progress move on between imports).
with merged as (
  insert into project as p (project_code, title_th, title_en, agency, budget_baht, area_code, addresses, stage, status, progress, start_year)
  select project_code, title_th, title_en, agency, budget_baht, area_code, addresses, stage, status, progress, start_year from import_valid
  on conflict (project_code) do update set title_th = excluded.title_th, title_en = excluded.title_en, agency = excluded.agency, budget_baht = excluded.budget_baht, area_code = excluded.area_code, addresses = excluded.addresses, stage = excluded.stage, status = excluded.status, progress = excluded.progress, start_year = excluded.start_year
  where (p.title_th, p.title_en, p.agency, p.budget_baht, p.area_code, p.addresses, p.stage, p.status, p.progress, p.start_year) is distinct from (excluded.title_th, excluded.title_en, excluded.agency, excluded.budget_baht, excluded.area_code, excluded.addresses, excluded.stage, excluded.status, excluded.progress, excluded.start_year)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted, count(*) filter (where not inserted)::bigint as updated from merged;
