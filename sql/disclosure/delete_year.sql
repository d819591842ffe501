-- The disclosure policy's decisions of one survey year, before its new ones go in (insert_year.sql).
delete from area_public where survey_year = :year
