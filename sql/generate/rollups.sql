-- After the data: the rollups, the scratch schema gone, and fresh statistics. No bindings.
select povmap.refresh_household_rollups();
refresh materialized view area_assistance;
refresh materialized view area_person_stats;
-- the solution menu's matches and the registry figures rest on the households and people too: a data
-- set generated again under a menu (or registry lines) kept from the last would otherwise show the old
-- matches (cheap when there is no menu yet: setup seeds it next and makes them then)
refresh materialized view menu_match;
refresh materialized view area_menu_need;
refresh materialized view area_registry_stats;
drop schema gen cascade;
analyze household;
analyze person;
analyze service_point;
analyze village_potential;
analyze assistance_log;
analyze area_stats;
analyze area_score_stats;
analyze area_person_stats;
