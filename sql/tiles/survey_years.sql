-- Survey years the rollups hold, oldest first; the newest is the tiles' default year.
select distinct survey_year::integer as year from area_stats order by 1
