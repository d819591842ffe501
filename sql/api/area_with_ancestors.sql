-- An area and its ancestors (province, district, subdistrict) in one read, with bounding boxes
-- (box2d reads the box PostGIS caches with the geometry).
select a.code, a.level, a.parent_code, a.province_code, a.district_code, a.subdistrict_code,
       a.name_th, a.name_en,
       array[st_xmin(b.box), st_ymin(b.box), st_xmax(b.box), st_ymax(b.box)] as bbox
from admin_area self
join admin_area a on a.code in (self.code, self.province_code, self.district_code, self.subdistrict_code)
cross join lateral (select box2d(a.geom) as box) b
where self.code = :code
order by length(a.code)
