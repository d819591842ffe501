-- Decisions of survey years the rollups no longer hold.
delete from area_public where survey_year not in (select distinct survey_year from area_stats)
