-- Merge of validated OTOP products (import_valid) into otop_product, inside the import's one
-- transaction: a product already there (village, name) takes the file's category and stars.
with merged as (
  insert into otop_product as o (village_code, name, category, stars)
  select village_code, name, category, stars from import_valid
  on conflict (village_code, name) do update set category = excluded.category, stars = excluded.stars
  where (o.category, o.stars) is distinct from (excluded.category, excluded.stars)
  returning xmax = 0 as inserted
)
select count(*) filter (where inserted)::bigint as inserted, count(*) filter (where not inserted)::bigint as updated from merged;
