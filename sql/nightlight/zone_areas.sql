-- Number the areas of one level (1, 2, … in code order) as the zones gdal_rasterize burns. Returns nothing.
-- Bindings (positional): 1. admin level.
insert into nightlight_zone_area (zone, code)
select row_number() over (order by code), code from admin_area where level = ?
