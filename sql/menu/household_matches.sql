-- The menu items matched to the members of one household in a survey year (one row per person and item),
-- with each person's place in each item's queue (counted here, sql/functions/menu_queue_place.sql) and
-- whether the item's capacity reaches it.
-- Parameters: year, house_code.
select x.person_no, povmap.menu_queue_place(x.survey_year, x.menu_item_id, x.score60, x.house_code, x.person_no)::integer as priority, x.allocated, m.id, m.code, m.agency, m.title_th, m.title_en,
       m.dimension, m.stage, m.capacity_per_year
from menu_match x
join menu_item m on m.id = x.menu_item_id
where x.survey_year = :year and x.house_code = :house_code
order by x.person_no, x.allocated desc, m.stage, m.code
