-- Merge boundaries that ogr2ogr loaded into import_boundary.staging (columns code, parent_code,
-- name_th, name_en, geom; one admin level, bound as the only parameter) into admin_area. Existing
-- areas keep their code and get the new geometry and names; new areas are added. Codes are the
-- official geocodes with any letters (COD-AB's "TH" prefix) removed by the caller.
insert into admin_area as a (code, level, parent_code, province_code, district_code, subdistrict_code,
                             name_th, name_en, geom, geom_3857, label_point, area_km2)
select s.code, s.level, s.parent_code,
       left(s.code, 2),
       case when length(s.code) >= 4 then coalesce(case when s.level = 'district' then s.code end, p.district_code, p.code) end,
       case s.level when 'subdistrict' then s.code when 'village' then s.parent_code end,
       s.name_th, s.name_en, s.geom, st_transform(s.geom, 3857), st_pointonsurface(s.geom), st_area(s.geom::geography) / 1e6
from (select code, ?::text as level,
             case when ?::text = 'province' then null else coalesce(nullif(parent_code, ''), left(code, length(code) - 2)) end as parent_code,
             coalesce(nullif(name_th, ''), nullif(name_en, ''), code) as name_th, nullif(name_en, '') as name_en,
             st_multi(st_collectionextract(st_makevalid(st_union(geom)), 3)) as geom
      from import_boundary.staging
      group by code, parent_code, name_th, name_en) s
left join admin_area p on p.code = s.parent_code
on conflict (code) do update set
  name_th = excluded.name_th,
  name_en = coalesce(excluded.name_en, a.name_en),
  geom = excluded.geom,
  geom_3857 = excluded.geom_3857,
  label_point = excluded.label_point,
  area_km2 = excluded.area_km2;
