-- After the solution menu changed: the matches and the needs per area, readers never blocked. No bindings.
refresh materialized view concurrently menu_match;
refresh materialized view concurrently area_menu_need;
