-- Synthetic but Thailand-shaped admin geometry. Inputs (temp tables filled by the generator):
--   gen.params(seed), gen.province(code, name_th, name_en, lon, lat),
--   gen.district / gen.subdistrict(code, parent_code, name_th, name_en), and country_outline.
-- Provinces are the Voronoi cells of their capitals clipped to the national outline; each level
-- below splits its parent into Voronoi cells around seeded points (ST_GeneratePoints may return a
-- few points short of what it is asked for, so it is asked for ten more and the first n are kept) (the Mueang district, code xx01,
-- is pinned at the capital), so children tile their parent exactly.

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

insert into gen.area
select s.code, 'subdistrict', s.parent_code, s.name_th, s.name_en, c.geom
from (select parent_code, array_agg(code order by code) as codes, count(*)::integer as n
      from gen.subdistrict group by parent_code) k
join gen.area parent on parent.code = k.parent_code
cross join lateral povmap.partition_by_seeds(
  parent.geom,
  array(select g.geom from st_dump(st_generatepoints(parent.geom, k.n + 10,
                                   1 + (select seed from gen.params) * 131 + parent.code::integer)) g order by g.path limit k.n),
  true, false) c
join gen.subdistrict s on s.code = k.codes[c.seed_index];

-- Villages: 4 to 17 per subdistrict (about 75,000 in all), หมู่ 1..n, coded subdistrict code + 2 digits.
create unlogged table gen.village_name as
select sub.code as parent_code, v.i,
       sub.code || lpad(v.i::text, 2, '0') as code,
       povmap.rand((select seed from gen.params), sub.code::bigint * 100 + v.i, 21) as r1,
       povmap.rand((select seed from gen.params), sub.code::bigint * 100 + v.i, 22) as r2
from gen.area sub
cross join lateral generate_series(1, 4 + floor(14 * povmap.rand((select seed from gen.params), sub.code::bigint, 20))::integer) v(i)
where sub.level = 'subdistrict';

insert into gen.area
select vn.code, 'village', vn.parent_code,
       'หมู่ ' || vn.i || ' บ้าน' || (array['โนน','หนอง','นา','ดอน','ห้วย','สวน','ทุ่ง','โคก','ป่า','คลอง','นาง','วัง'])[1 + floor(vn.r1 * 12)::integer]
                                  || (array['ใหญ่','น้อย','เหนือ','ใต้','ใหม่','ทอง','คำ','แดง','ยาง','สะอาด','สามัคคี','พัฒนา'])[1 + floor(vn.r2 * 12)::integer],
       'Mu ' || vn.i || ' Ban ' || (array['Non','Nong','Na','Don','Huai','Suan','Thung','Khok','Pa','Khlong','Nang','Wang'])[1 + floor(vn.r1 * 12)::integer]
                                || ' ' || (array['Yai','Noi','Nuea','Tai','Mai','Thong','Kham','Daeng','Yang','Sa-at','Samakkhi','Phatthana'])[1 + floor(vn.r2 * 12)::integer],
       c.geom
from (select parent_code, array_agg(code order by code) as codes, count(*)::integer as n
      from gen.village_name group by parent_code) k
join gen.area parent on parent.code = k.parent_code
cross join lateral povmap.partition_by_seeds(
  parent.geom,
  array(select g.geom from st_dump(st_generatepoints(parent.geom, k.n + 10,
                                   (1 + ((select seed from gen.params) * 131 + parent.code::bigint) % 2000000000)::integer)) g order by g.path limit k.n),
  true, false) c
join gen.village_name vn on vn.code = k.codes[c.seed_index];

-- Keep only polygons, valid, and fill in the ancestors and what the tiles and labels need.
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
