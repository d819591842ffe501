-- OTOP products of the villages inside an area ('TH' = all): counts by category and by stars, and
-- the villages with the most products (then the higher mean stars, then the code), at most 10.
-- Parameter: code.
with o as (
  select o.*, v.name_th as village_name_th, v.name_en as village_name_en
  from otop_product o
  join admin_area v on v.code = o.village_code
  where :code = 'TH' or v.code = :code or v.province_code = :code or v.district_code = :code or v.subdistrict_code = :code
)
select (select count(*) from o)::integer as products,
       (select coalesce(jsonb_object_agg(category, n), '{}') from (select category, count(*) as n from o group by category) c) as by_category,
       (select coalesce(jsonb_object_agg(stars, n), '{}') from (select stars, count(*) as n from o group by stars) s) as by_stars,
       (select coalesce(jsonb_agg(t order by t.products desc, t.mean_stars desc, t.code), '[]') from (
          select village_code as code, min(village_name_th) as name_th, min(village_name_en) as name_en,
                 count(*)::integer as products, avg(stars)::float8 as mean_stars
          from o group by village_code
          order by products desc, mean_stars desc, code limit 10) t) as top_villages
