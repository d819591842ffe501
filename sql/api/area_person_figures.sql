-- The people of some areas in one survey year: the rollup of the people (area_person_stats: the people
-- of every group and the households holding one) and the registry figures (area_registry_stats:
-- exclusion_errors, card_holders_unsurveyed), as JSON keyed by column name (server/people/groups.ts
-- names the groups). An area with neither has no row.
select c.code,
       coalesce(to_jsonb(s) - 'code' - 'level' - 'survey_year', '{}'::jsonb)
       || coalesce(jsonb_build_object('exclusion_errors', r.exclusion_errors, 'card_holders_unsurveyed', r.card_holders_unsurveyed), '{}'::jsonb) as counts
from unnest(string_to_array(:codes, ',')) as c(code)
left join area_person_stats s on s.code = c.code and s.survey_year = :year
left join area_registry_stats r on r.code = c.code and r.survey_year = :year
where s.code is not null or r.code is not null
