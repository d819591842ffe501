-- After the data and rollups_households.sql with rollups_people.sql: the other rollups, the scratch
-- schema gone, and fresh statistics (household's and person's were taken after their indexes). No bindings.
-- the solution menu's matches and the registry figures, which rest on the households and people too:
-- a data set generated again under a menu (or registry lines) kept from the last would otherwise
-- show the old matches (cheap when there is no menu yet: setup seeds it next and makes them then)
select povmap.refresh_household_views(p_fresh => array['area_assistance', 'area_person_stats']);
drop schema gen cascade;
analyze service_point;
analyze village_potential;
analyze assistance_log;
analyze area_stats;
analyze area_score_stats;
analyze area_assistance;
analyze area_person_stats;
analyze menu_match;
analyze menu_queue_count;
analyze area_menu_need;
analyze area_registry_stats;
