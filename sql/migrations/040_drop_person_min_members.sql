-- povmap.person_min_members gave the members a household's deprivation mask needs for its people
-- (sql/functions/person_roster.sql). The generator now computes households and people in Node
-- (server/generate/households.ts, personMinMembers): the function is used nowhere.
drop function if exists povmap.person_min_members(integer);
