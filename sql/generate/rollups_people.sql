-- After the data, on the second of two connections (server/generate/generate.ts): the people's
-- rollup, the longest of them (42 s of the national profile's 99 s when all ran on one connection).
-- No bindings.
select povmap.refresh_rollup_table('area_person_stats');
