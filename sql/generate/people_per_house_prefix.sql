-- The households and their people (the sum of members) per survey year and house-code prefix (the
-- first six digits: a generated house code starts with its subdistrict's code), in house-code order:
-- server/generate/people.ts cuts this list into ranges of house codes whose people a thread makes
-- at once. One scan of household gives both the ranges and the total of people. No bindings.
select survey_year, left(house_code, 6) as prefix, count(*)::integer as households, sum(members)::bigint as people
from household
group by survey_year, left(house_code, 6)
order by survey_year, prefix
