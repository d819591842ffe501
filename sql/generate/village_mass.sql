-- What the synthetic night lights are painted from: every village's label point (lon, lat), its
-- households and target share in one survey year. Bindings (positional): 1. survey year.
select st_x(a.label_point) as lon, st_y(a.label_point) as lat, s.households, s.target_share
from admin_area a
join area_stats s on s.code = a.code and s.survey_year = ?
where a.level = 'village'
