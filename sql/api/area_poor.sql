-- The Alkire-Foster part for any cut-off: the score groups of some areas at or above the threshold
-- (score × 60). Summing them gives the poor, their scores and the censored headcounts.
select code, score60, households, people, deprived_people, dim_failed_people
from area_score_stats
where survey_year = :year and code = any(string_to_array(:codes, ',')) and score60 >= :threshold
