-- Synthetic but Thailand-shaped admin geometry. Inputs (temp tables filled by the generator):
--   gen.params(seed), gen.province(code, name_th, name_en, lon, lat),
--   gen.district / gen.subdistrict(code, parent_code, name_th, name_en), and country_outline.
-- Provinces are the Voronoi cells of their capitals clipped to the national outline; each level
-- below splits its parent into Voronoi cells around seeded points (ST_GeneratePoints may return a
-- few points short of what it is asked for, so it is asked for ten more and the first n are kept) (the Mueang district, code xx01,
-- is pinned at the capital), so children tile their parent exactly. This file makes the provinces and
-- districts; no bindings.

create unlogged table gen.area (
  code text primary key, level text, parent_code text, name_th text, name_en text, geom geometry
);

insert into gen.area
select p.code, 'province', null, p.name_th, p.name_en, c.geom
from (select array_agg(st_setsrid(st_makepoint(lon, lat), 4326) order by code) as seeds,
             array_agg(code order by code) as codes
      from gen.province) s
cross join lateral povmap.partition_by_seeds((select geom from country_outline where iso3 = 'THA'),
                                             s.seeds, false, false) c
join gen.province p on p.code = s.codes[c.seed_index];

insert into gen.area
select d.code, 'district', d.parent_code, d.name_th, d.name_en, c.geom
from (select parent_code, array_agg(code order by code) as codes, count(*)::integer as n
      from gen.district group by parent_code) k
join gen.area parent on parent.code = k.parent_code
join gen.province cap on cap.code = k.parent_code
cross join lateral (select case when st_within(st_setsrid(st_makepoint(cap.lon, cap.lat), 4326), parent.geom)
                                then st_setsrid(st_makepoint(cap.lon, cap.lat), 4326)
                                else st_pointonsurface(parent.geom) end as capital) pin
cross join lateral povmap.partition_by_seeds(
  parent.geom,
  array[pin.capital] || array(select g.geom from st_dump(st_generatepoints(parent.geom, k.n + 10,
                                      1 + (select seed from gen.params) * 131 + parent.code::integer)) g
                              order by g.path limit k.n - 1),
  true, true) c
join gen.district d on d.code = k.codes[c.seed_index];

-- The subdistricts (11_subdistricts.sql), the villages' names (12_village_names.sql), the villages
-- (13_villages.sql) and the rows of admin_area (14_admin_area_rows.sql) follow, in that order.
