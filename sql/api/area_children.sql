-- The children of an area ('TH' = the provinces), in code order.
select a.code, a.level, a.parent_code, a.province_code, a.district_code, a.subdistrict_code,
       a.name_th, a.name_en,
       array[st_xmin(b.box), st_ymin(b.box), st_xmax(b.box), st_ymax(b.box)] as bbox
from admin_area a
cross join lateral (select box2d(a.geom) as box) b
where case when :parent = 'TH' then a.parent_code is null else a.parent_code = :parent end
order by a.code
