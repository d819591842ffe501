-- Layer `boundaries`: two MVT layers in one tile.
--   boundaries: outlines of the admin level shown at this zoom and of every coarser level, each
--               with its `level`, so a style can draw province lines over district lines.
--   labels:     one anchor point per area of the level shown at this zoom (admin_area.label_point).
-- Lines come from the same pre-simplified polygons as the choropleth, so they match it exactly.
-- $1 z, $2 x, $3 y, $4 admin level shown at this zoom.
-- The band is a scalar subquery (an InitPlan), not a join, so that the planner always uses it as
-- an index condition instead of filtering every band's rows by the envelope.
with bounds as (
  select st_tileenvelope($1::integer, $2::integer, $3::integer) as env
),
lines as (
  select g.code::bigint as id, g.code, g.level,
         st_asmvtgeom(st_boundary(g.geom), b.env, 4096, 64, true) as geom
  from bounds b
  join tile_geometry g on g.band = (select tb.band from tile_geometry_band tb where $1::integer between tb.minzoom and tb.maxzoom)
   and g.geom && b.env
   and povmap.level_rank(g.level) <= povmap.level_rank($4::text)
),
labels as (
  select a.code::bigint as id, a.code, a.level, a.name_th, a.name_en,
         st_asmvtgeom(st_transform(a.label_point, 3857), b.env, 4096, 0, true) as geom
  from bounds b
  join admin_area a on a.level = $4::text
   and a.label_point && st_transform(b.env, 4326)
)
select coalesce((select st_asmvt(l.*, 'boundaries', 4096, 'geom', 'id') from lines l where l.geom is not null), '')
    || coalesce((select st_asmvt(p.*, 'labels', 4096, 'geom', 'id') from labels p where p.geom is not null), '')
    as tile
