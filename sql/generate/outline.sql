-- The national outline (Natural Earth) the synthetic areas are clipped to. Returns nothing.
-- Bindings (positional): 1. the outline as GeoJSON text.
insert into country_outline (iso3, name_en, geom)
values ('THA', 'Thailand', st_multi(st_setsrid(st_geomfromgeojson(?), 4326)))
