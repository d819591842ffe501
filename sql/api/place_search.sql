-- Areas whose Thai or English name contains what a user typed, best first: the first step of place
-- search (server/search/places.ts; names close to it despite a typo are sql/api/place_search_similar.sql).
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), limit.
-- Names are compared through admin_area.search_key (both names as pg_trgm reads them, trigram
-- indexed: sql/migrations/004_place_search.sql). Order: the whole name first, then names that start
-- with q, then names that contain it; within each, larger areas first (a province before the
-- villages named after it), then the shorter name.
with typed as (
  select cast(:q as text) as q,
         replace(replace(replace(k.key, '\', '\\'), '%', '\%'), '_', '\_') as pattern,
         replace(replace(replace(cast(:q as text), '\', '\\'), '%', '\%'), '_', '\_') as name_pattern
  from (select povmap.place_search_key(:q) as key) k
),
candidates as (
  select a.code, a.level, a.name_th, a.name_en, a.province_code, a.district_code,
         case when a.name_th = t.q or lower(a.name_en) = t.q then 3
              when a.name_th like t.name_pattern || '%' or lower(a.name_en) like t.name_pattern || '%' then 2
              else 1 end as match
  from admin_area a, typed t
  where a.search_key like '%' || t.pattern || '%'
)
select c.code, c.level, c.name_th, c.name_en,
       p.name_th as province_th, p.name_en as province_en,
       d.name_th as district_th, d.name_en as district_en
from candidates c
left join admin_area p on p.code = c.province_code and c.level <> 'province'
left join admin_area d on d.code = c.district_code and c.level in ('subdistrict', 'village')
order by c.match desc, povmap.level_rank(c.level), length(c.name_th), c.code
limit :limit
