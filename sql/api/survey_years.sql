-- The survey years that have data, from the country rows of the rollups.
select survey_year from area_stats where code = 'TH' order by survey_year
