-- The subdistricts of half the districts (after 10_admin_areas.sql): each district split into
-- Voronoi cells around seeded points. Binding: 1. which half (0 or 1: the districts whose code is
-- even or odd). The generator runs both halves at once on two connections; a subdistrict's shape
-- depends on its district and the seed alone, so the rows are the same either way.
insert into gen.area
select s.code, 'subdistrict', s.parent_code, s.name_th, s.name_en, c.geom
from (select parent_code, array_agg(code order by code) as codes, count(*)::integer as n
      from gen.subdistrict where parent_code::integer % 2 = ? group by parent_code) k
join gen.area parent on parent.code = k.parent_code
cross join lateral povmap.seeded_cells(parent.geom, k.n, 1 + (select seed from gen.params) * 131 + parent.code::integer) c
join gen.subdistrict s on s.code = k.codes[c.seed_index];
