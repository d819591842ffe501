-- The survey years the rollups hold.
select distinct survey_year from area_stats order by survey_year
