-- After the solution menu changed: the matches and the needs per area (menu_match, area_menu_need,
-- sql/functions/), every year, readers never blocked. No bindings.
select povmap.refresh_menu_match();
select povmap.refresh_rollup_table('area_menu_need');
