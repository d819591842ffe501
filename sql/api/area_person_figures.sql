-- The rollup of the people (area_person_stats) of some areas in one survey year: the people of every group
-- and the households holding one, as JSON keyed by column name (server/people/groups.ts names them).
select s.code, to_jsonb(s) - 'code' - 'level' - 'survey_year' as counts
from area_person_stats s
where s.survey_year = :year and s.code = any(string_to_array(:codes, ','))
