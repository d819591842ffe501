-- The areas of one level that the light-vs-poverty model of a survey year puts in some classes
-- (sql/functions/refresh_light_mismatch.sql), inside a parent area or the whole country, most extreme first (|z|, then code),
-- at most a limit of them: code, names, radiance_mean, target_share, fitted, residual, z, class, and
-- `total`, the number of such areas before the limit.
-- Bindings (knex named): level, year, classes (text[]), limit; province, district, subdistrict (the
-- parent's code in its column, null elsewhere).
select m.code, a.name_th, a.name_en, l.radiance_mean, m.target_share, m.fitted, m.residual, m.z, m.class,
       cast(count(*) over () as integer) as total
from light_poverty_residual m
join admin_area a on a.code = m.code
join nightlight_area_stats l on l.code = m.code and l.year = m.survey_year
where a.level = :level and m.survey_year = :year and m.class = any (cast(:classes as text[]))
  and (cast(:province as text) is null or a.province_code = :province)
  and (cast(:district as text) is null or a.district_code = :district)
  and (cast(:subdistrict as text) is null or a.subdistrict_code = :subdistrict)
order by abs(m.z) desc nulls last, m.code
limit :limit
