-- Merge of validated centre staff rows (import_valid) into centre_staff, inside the import's one
-- transaction: an area already there takes the file's figures.
with merged as (
  insert into centre_staff as c (area_code, staff, partners)
  select area_code, staff, partners from import_valid
  on conflict (area_code) do update set staff = excluded.staff, partners = excluded.partners
  where (c.staff, c.partners) is distinct from (excluded.staff, excluded.partners)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted, count(*) filter (where not inserted)::bigint as updated from merged;
