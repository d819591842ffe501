-- The rollups of some areas in one survey year, in one read: the k-independent counts (area_stats)
-- and, as JSON, the score groups at or above the poverty threshold (score × 60) from
-- area_score_stats; summing those gives the poor, their scores and the censored headcounts.
select s.code, s.households, s.people, s.target_households, s.target_people,
       s.deprived_households, s.dim_failed_households, s.failed_dim_count_households,
       s.vulnerability_households, s.vulnerable_households,
       s.target_with_card, s.target_without_card, s.to_survey_households, s.stars,
       coalesce((select json_agg(json_build_object('score60', p.score60, 'households', p.households, 'people', p.people,
                                                   'deprived_people', p.deprived_people, 'dim_failed_people', p.dim_failed_people))
                 from area_score_stats p
                 where p.code = s.code and p.survey_year = s.survey_year and p.score60 >= :threshold), '[]') as poor
from area_stats s
where s.survey_year = :year and s.code = any(string_to_array(:codes, ','))
