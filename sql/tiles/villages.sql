-- Layer `villages`: one point per village at its label point, with the seven village-potential
-- scores (1 = needs urgent development … 3 = advanced) of the requested year.
-- Feature id = the numeric village code. $1 z, $2 x, $3 y, $4 year.
with bounds as (
  select st_tileenvelope($1::integer, $2::integer, $3::integer) as env
),
features as (
  select a.code::bigint as id, a.code, a.name_th, a.name_en,
         p.infrastructure, p.economy, p.health, p.education, p.community_strength, p.environment, p.safety,
         st_asmvtgeom(st_transform(a.label_point, 3857), b.env, 4096, 64, true) as geom
  from bounds b
  join admin_area a on a.level = 'village' and a.label_point && st_transform(b.env, 4326)
  left join village_potential p on p.village_code = a.code and p.year = $4::smallint
)
select st_asmvt(f.*, 'villages', 4096, 'geom', 'id') as tile
from features f
where f.geom is not null
