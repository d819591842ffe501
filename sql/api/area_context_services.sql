-- Schools, hospitals and subdistrict health-promoting hospitals inside an area ('TH' = all), found
-- through the subdistrict each service point lies in. Parameter: code (a village counts none).
select s.kind, count(*)::integer as n
from service_point s
join admin_area a on a.code = s.subdistrict_code
where :code = 'TH' or a.code = :code or a.province_code = :code or a.district_code = :code
group by s.kind
