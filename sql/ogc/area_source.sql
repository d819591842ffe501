-- OGC API – Features (issue 19): the features of one admin level in one survey year, from the public
-- metrics the tiles use: tile_area_metrics applies the disclosure policy's decisions (area_public),
-- so a withheld metric is absent from `properties` (its key listed in `withheld`), a suppressed area
-- carries its identity and `suppressed: true` only, and an area without a decision yet is left out,
-- as in the tiles. Wrapped by ogc/page.sql, ogc/count.sql, ogc/feature.sql and ogc/keys_before.sql as source.
-- The metrics are read per area (a lateral probe kept apart by offset 0): a page in code order then
-- stops after its rows, where a join would build the figures of every area of the year first (1.5 s
-- a chunk of districts on the demo data, against 0.3 s).
-- Identity columns are also yielded as such (server/ogc/collections.ts `column`), so a filter on them
-- narrows the rows by index before any properties are built.
-- Named bindings: level, year; xmin, ymin, xmax, ymax (EPSG:4326; xmin null = no bbox): areas whose
-- full geometry intersects the box; zoom (null = full geometry, else the copy simplified for that
-- web-mercator zoom in tile_geometry: the coarsest band drawn at that zoom or finer that holds the
-- level, one tile pixel of tolerance; the full geometry where none does).
select a.code as fid,
       a.code, a.level, a.parent_code, a.name_th, a.name_en,
       jsonb_build_object('code', a.code, 'level', a.level, 'parent_code', a.parent_code, 'name_th', a.name_th,
                          'name_en', a.name_en, 'year', m.survey_year, 'suppressed', m.metrics is null)
         || coalesce(m.metrics, '{}'::jsonb) as properties,
       case when :zoom::integer is null then a.geom
            else coalesce((select g.geom
                             from tile_geometry g
                             join tile_geometry_band b on b.band = g.band
                            where g.code = a.code and b.maxzoom >= :zoom::integer
                            order by b.maxzoom
                            limit 1), a.geom) end as geom
from admin_area a
cross join lateral (select t.survey_year, t.metrics
                      from tile_area_metrics t
                     where t.code = a.code and t.survey_year = :year::smallint
                    offset 0) m
where a.level = :level::text
  and (:xmin::float8 is null
       or st_intersects(a.geom, st_makeenvelope(:xmin::float8, :ymin::float8, :xmax::float8, :ymax::float8, 4326)))
