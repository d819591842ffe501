-- Place search's answer (server/search/places.ts): the areas the steps found, in the order found,
-- with their names and the names of the province and district they lie in.
-- Parameter (named binding): codes, a text array.
select a.code, a.level, a.name_th, a.name_en,
       p.name_th as province_th, p.name_en as province_en,
       d.name_th as district_th, d.name_en as district_en
from unnest(cast(:codes as text[])) with ordinality as found(code, n)
join admin_area a on a.code = found.code
left join admin_area p on p.code = a.province_code and a.level <> 'province'
left join admin_area d on d.code = a.district_code and a.level in ('subdistrict', 'village')
order by found.n
