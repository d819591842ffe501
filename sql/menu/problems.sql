-- What is wrong with a menu item's references, as an API body gives them: indicators not of its
-- dimension, area codes with no area (each null when fine).
-- Parameters: dimension, indicators (text[]), area_codes (text[]).
select (select string_agg(x, ', ') from unnest(cast(:indicators as text[])) x
        where not exists (select 1 from povmap.indicator i where i.id = x and i.dimension = :dimension)) as bad_indicators,
       (select string_agg(x, ', ') from unnest(cast(:area_codes as text[])) x
        where not exists (select 1 from admin_area a where a.code = x)) as bad_area_codes
