-- Years with a night-light composite loaded, oldest first; the newest is the night-light tiles' default year.
select distinct year::integer as year from nightlight_raster order by 1
