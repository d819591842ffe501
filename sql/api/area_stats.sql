-- The k-independent rollups of some areas in one survey year.
select code, households, people, target_households, target_people,
       deprived_households, dim_failed_households, failed_dim_count_households,
       vulnerability_households, vulnerable_households,
       target_with_card, target_without_card, to_survey_households, stars
from area_stats
where survey_year = :year and code = any(string_to_array(:codes, ','))
