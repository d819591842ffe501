-- One area's hotspot classes (default view: target share, queen, FDR) and its change since the
-- previous survey year, exactly as the `areas` tiles carry them (view tile_area_metrics,
-- sql/views/90_tile_area_metrics.sql), for the area panel. No row: no such area. metrics null: suppressed or no data that year.
-- Named bindings: code (the area code) and year (the survey year).
select a.code, a.level,
       s.code is not null as has_data,
       m.metrics,
       (select max(y.survey_year) from area_stats y where y.code = 'TH' and y.survey_year < :year) as previous_year
from admin_area a
left join area_stats s on s.code = a.code and s.survey_year = :year
left join tile_area_metrics m on m.code = a.code and m.survey_year = :year
where a.code = :code
