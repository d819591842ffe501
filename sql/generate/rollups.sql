-- After the data: the rollups, the scratch schema gone, and fresh statistics. No bindings.
select povmap.refresh_household_rollups();
refresh materialized view area_assistance;
refresh materialized view area_person_stats;
drop schema gen cascade;
analyze household;
analyze person;
analyze service_point;
analyze village_potential;
analyze assistance_log;
analyze area_stats;
analyze area_score_stats;
analyze area_person_stats;
