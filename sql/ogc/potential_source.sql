-- OGC API – Features (issue 19): village potential of one year, one point per village at its label
-- point with the seven scores (1 = needs urgent development … 3 = advanced). Village-level figures of
-- the village survey, not of households. Wrapped by ogc/page.sql, ogc/count.sql and ogc/keys_before.sql as source.
-- Identity columns are also yielded as such (server/ogc/collections.ts `column`), so a filter on them
-- narrows the rows by index before any properties are built.
-- Named bindings: year; xmin, ymin, xmax, ymax (EPSG:4326; xmin null = no bbox).
select a.code as fid,
       a.code, a.name_th, a.name_en, p.year, p.infrastructure, p.economy, p.health, p.education,
       p.community_strength, p.environment, p.safety,
       jsonb_build_object('code', a.code, 'name_th', a.name_th, 'name_en', a.name_en, 'year', p.year,
                          'infrastructure', p.infrastructure, 'economy', p.economy, 'health', p.health,
                          'education', p.education, 'community_strength', p.community_strength,
                          'environment', p.environment, 'safety', p.safety) as properties,
       a.label_point as geom
from village_potential p
join admin_area a on a.code = p.village_code
where p.year = :year::smallint
  and (:xmin::float8 is null
       or st_intersects(a.label_point, st_makeenvelope(:xmin::float8, :ymin::float8, :xmax::float8, :ymax::float8, 4326)))
