-- The villages of half the subdistricts (after 12_village_names.sql), as the subdistricts are made
-- (11_subdistricts.sql). Binding: 1. which half (0 or 1: the subdistricts whose code is even or odd).
insert into gen.area
select vn.code, 'village', vn.parent_code,
       'หมู่ ' || vn.i || ' บ้าน' || (array['โนน','หนอง','นา','ดอน','ห้วย','สวน','ทุ่ง','โคก','ป่า','คลอง','นาง','วัง'])[1 + floor(vn.r1 * 12)::integer]
                                  || (array['ใหญ่','น้อย','เหนือ','ใต้','ใหม่','ทอง','คำ','แดง','ยาง','สะอาด','สามัคคี','พัฒนา'])[1 + floor(vn.r2 * 12)::integer],
       'Mu ' || vn.i || ' Ban ' || (array['Non','Nong','Na','Don','Huai','Suan','Thung','Khok','Pa','Khlong','Nang','Wang'])[1 + floor(vn.r1 * 12)::integer]
                                || ' ' || (array['Yai','Noi','Nuea','Tai','Mai','Thong','Kham','Daeng','Yang','Sa-at','Samakkhi','Phatthana'])[1 + floor(vn.r2 * 12)::integer],
       c.geom
from (select parent_code, array_agg(code order by code) as codes, count(*)::integer as n
      from gen.village_name where parent_code::integer % 2 = ? group by parent_code) k
join gen.area parent on parent.code = k.parent_code
cross join lateral povmap.seeded_cells(parent.geom, k.n, (1 + ((select seed from gen.params) * 131 + parent.code::bigint) % 2000000000)::integer) c
join gen.village_name vn on vn.code = k.codes[c.seed_index];
