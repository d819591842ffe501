-- Layer `services`: schools, hospitals and subdistrict health-promoting hospitals as points;
-- schools only from z10.
-- Feature id = service id (also kept as the property `id`; ST_AsMVT does not repeat the id column
-- as a property). $1 z, $2 x, $3 y.
with bounds as (
  select st_tileenvelope($1::integer, $2::integer, $3::integer) as env
),
features as (
  select s.id as fid, s.id, s.kind, s.name_th, s.name_en, s.capacity, s.subdistrict_code,
         st_asmvtgeom(st_transform(s.geom, 3857), b.env, 4096, 64, true) as geom
  from bounds b
  join service_point s on s.geom && st_transform(b.env, 4326)
  -- Schools from z10: at z8-9 a Bangkok tile would hold ~5,000 points and pass 150 KB gzipped,
  -- and at that scale planners look for hospitals.
  where $1::integer >= 10 or s.kind <> 'school'
)
select st_asmvt(f.*, 'services', 4096, 'geom', 'fid') as tile
from features f
where f.geom is not null
