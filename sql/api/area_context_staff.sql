-- Poverty-eradication centre staff and development partners inside an area ('TH' = everywhere),
-- per level of the centre (the area itself and every province, district and subdistrict within it).
-- Parameter: code.
select a.level, count(*)::integer as centres, sum(c.staff)::integer as staff, sum(c.partners)::integer as partners
from centre_staff c
join admin_area a on a.code = c.area_code
where :code = 'TH' or a.code = :code or a.province_code = :code or a.district_code = :code or a.subdistrict_code = :code
group by a.level
