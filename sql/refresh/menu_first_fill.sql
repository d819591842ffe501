-- The demo menu's first matches and needs per area (server/menu/demo-menu.ts), as sql/refresh/menu.sql
-- makes them, into a data set setup holds to itself: the matches are written before their queue
-- index is built (povmap.refresh_menu_match's p_first_fill says why, and why only here). No bindings.
select povmap.refresh_menu_match(p_first_fill => true);
select povmap.refresh_rollup_table('area_menu_need');
