-- Night-light composite years loaded but without zonal statistics yet, oldest first. No bindings.
select distinct r.year from nightlight_raster r
where not exists (select 1 from nightlight_area_stats s where s.year = r.year)
order by r.year
