-- Areas whose name is close to what a user typed without containing it (a typo): the second step of
-- place search (server/search/places.ts), run when the first (sql/api/place_search.sql) found too
-- few. Closeness is pg_trgm word similarity on admin_area.search_key, at least the transaction's
-- pg_trgm.word_similarity_threshold (the <% operator, served by the trigram index).
-- Parameters (named bindings): q (trimmed, spaces collapsed, lower-cased), limit.
with typed as (
  select k.key, replace(replace(replace(k.key, '\', '\\'), '%', '\%'), '_', '\_') as pattern
  from (select povmap.place_search_key(:q) as key) k
),
candidates as (
  select a.code, a.level, a.name_th, a.name_en, a.province_code, a.district_code,
         word_similarity(t.key, a.search_key) as similarity
  from admin_area a, typed t
  where t.key <% a.search_key and a.search_key not like '%' || t.pattern || '%'
)
select c.code, c.level, c.name_th, c.name_en,
       p.name_th as province_th, p.name_en as province_en,
       d.name_th as district_th, d.name_en as district_en
from candidates c
left join admin_area p on p.code = c.province_code and c.level <> 'province'
left join admin_area d on d.code = c.district_code and c.level in ('subdistrict', 'village')
order by c.similarity desc, povmap.level_rank(c.level), length(c.name_th), c.code
limit :limit
