-- The grid of a loaded composite year (origin_x, origin_y, scale_x, scale_y, width, height; width null
-- when the year has no composite). Bindings (positional): 1. year.
select * from povmap.nightlight_year_grid(?::smallint)
