-- A person's place in a menu item's queue in a survey year (1: the first the capacity goes to), as
-- the window of povmap.menu_match_rows would number it (neediest household first: score down, then
-- house code, then person number), counted when read instead of stored (sql/functions/refresh_menu_match.sql):
-- the people of higher scores and those of the same score in provinces of lower codes from
-- menu_queue_count, then those of the same score ahead in the person's own province down the
-- queue's index (house codes start with the province's code). A few thousand index entries at most
-- on the national profile, where a queue holds up to 1.4 M people.
create or replace function povmap.menu_queue_place(p_year smallint, p_item integer, p_score smallint, p_house_code text, p_person_no smallint)
returns bigint
language sql stable as $$
select 1
  + coalesce((select sum(c.people) from menu_queue_count c
              where c.survey_year = p_year and c.menu_item_id = p_item
                and (c.score60 > p_score or (c.score60 = p_score and c.province_code < left(p_house_code, 2)))), 0)
  + (select count(*) from menu_match x
     where x.survey_year = p_year and x.menu_item_id = p_item and x.score60 = p_score
       and x.house_code >= left(p_house_code, 2)
       and (x.house_code, x.person_no) < (p_house_code, p_person_no))
$$;
