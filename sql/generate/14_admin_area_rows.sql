-- The areas made by 10-13 into admin_area: only polygons, valid, with their ancestors and what the
-- tiles and labels need. No bindings.
insert into admin_area (code, level, parent_code, province_code, district_code, subdistrict_code,
                        name_th, name_en, geom, geom_3857, label_point, area_km2)
select a.code, a.level, a.parent_code,
       case a.level when 'province' then a.code when 'district' then p1.code
                    when 'subdistrict' then p2.code else p3.code end,
       case a.level when 'district' then a.code when 'subdistrict' then p1.code
                    when 'village' then p2.code end,
       case a.level when 'subdistrict' then a.code when 'village' then p1.code end,
       a.name_th, a.name_en, g.geom, st_transform(g.geom, 3857), st_pointonsurface(g.geom),
       st_area(g.geom::geography) / 1e6
from gen.area a
cross join lateral (select st_multi(st_collectionextract(st_makevalid(a.geom), 3)) as geom) g
left join gen.area p1 on p1.code = a.parent_code
left join gen.area p2 on p2.code = p1.parent_code
left join gen.area p3 on p3.code = p2.parent_code
order by case a.level when 'province' then 1 when 'district' then 2 when 'subdistrict' then 3 else 4 end, a.code;
