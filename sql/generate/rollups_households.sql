-- After the data, on one of two connections (server/generate/generate.ts): the household rollups
-- and the logbook's, while the other connection counts the people (rollups_people.sql). No bindings.
select povmap.refresh_household_rollups();
select povmap.refresh_rollup_table('area_assistance');
