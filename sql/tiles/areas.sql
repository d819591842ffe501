-- Layer `areas`: the choropleth. One admin level per zoom (chosen by tiles/registry.ts), geometry
-- from the band of pre-simplified copies that covers the zoom, metrics of one survey year.
-- Each feature's properties are stored ready-made (tile_area_properties,
-- sql/migrations/018_tile_area_properties.sql: identity and figures, or `suppressed`), one
-- primary-key row per feature; with `metric` the identity and that one metric are picked out of them.
-- Feature id = the numeric area code (MapLibre feature-state / promoteId).
-- $1 z, $2 x, $3 y, $4 survey year, $5 admin level, $6 metric key ('' = every metric).
-- The band is a scalar subquery (an InitPlan), not a join, so that the planner always uses it as
-- an index condition instead of filtering every band's rows by the envelope.
with bounds as (
  select st_tileenvelope($1::integer, $2::integer, $3::integer) as env
),
features as (
  select g.code::bigint as id,
         case when $6::text = '' or jsonb_exists(p.properties, 'suppressed') then p.properties
              -- one metric: its value, or its key in withheld when the policy withholds it
              else jsonb_build_object('code', p.properties -> 'code', 'level', p.properties -> 'level',
                                      'name_th', p.properties -> 'name_th', 'name_en', p.properties -> 'name_en')
                   || case when $6::text = any(string_to_array(p.properties ->> 'withheld', ',')) then jsonb_build_object('withheld', $6::text)
                           else jsonb_build_object($6::text, p.properties -> $6::text) end
         end as properties,
         st_asmvtgeom(g.geom, b.env, 4096, 64, true) as geom
  from bounds b
  join tile_geometry g on g.band = (select tb.band from tile_geometry_band tb where $1::integer between tb.minzoom and tb.maxzoom)
   and g.level = $5::text and g.geom && b.env
  join tile_area_properties p on p.survey_year = $4::smallint and p.code = g.code
)
select st_asmvt(f.*, 'areas', 4096, 'geom', 'id') as tile
from features f
where f.geom is not null
