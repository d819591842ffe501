-- The children of an area ('TH' = the provinces) with their logbook progress in one survey year
-- (area_assistance) and the disclosure policy's decision on them (area_public), for the speed-up
-- list: only what the policy publishes is compared (server/routes/speed-up.ts applies it).
-- Parameters: parent, year.
select a.code, a.level, a.name_th, a.name_en, s.target_households, s.helped_households,
       coalesce(p.suppressed, true) as suppressed, coalesce(p.cells, '{}') as cells
from admin_area a
join area_assistance s on s.code = a.code and s.survey_year = :year
left join area_public p on p.code = a.code and p.survey_year = :year
where case when :parent = 'TH' then a.parent_code is null else a.parent_code = :parent end
order by a.code
