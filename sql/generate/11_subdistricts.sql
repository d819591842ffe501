-- The subdistricts of half the districts (after 10_admin_areas.sql): each district split into
-- Voronoi cells around seeded points. Binding: 1. which half (0 or 1: the districts whose code is
-- even or odd). The generator runs both halves at once on two connections; a subdistrict's shape
-- depends on its district and the seed alone, so the rows are the same either way.
insert into gen.area
select s.code, 'subdistrict', s.parent_code, s.name_th, s.name_en, c.geom
from (select parent_code, array_agg(code order by code) as codes, count(*)::integer as n
      from gen.subdistrict where parent_code::integer % 2 = ? group by parent_code) k
join gen.area parent on parent.code = k.parent_code
cross join lateral povmap.partition_by_seeds(
  parent.geom,
  array(select g.geom from st_dump(st_generatepoints(parent.geom, k.n + 10,
                                   1 + (select seed from gen.params) * 131 + parent.code::integer)) g order by g.path limit k.n),
  true, false) c
join gen.subdistrict s on s.code = k.codes[c.seed_index];
