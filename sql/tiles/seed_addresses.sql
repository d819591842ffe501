-- The tiles of zooms 0..$1 that intersect the country: what the background seeder (tiles/seed.ts)
-- renders after a data change. Candidates are the tiles over the provinces' extent; each is kept
-- when a province of the zoom's band touches it (the GiST index of tile_geometry answers).
-- $1 highest zoom. Rows (z, x, y), coarsest zoom first.
with extent as (
  select st_xmin(e) as xmin, st_ymin(e) as ymin, st_xmax(e) as xmax, st_ymax(e) as ymax
  from (select st_extent(geom)::geometry as e from tile_geometry where level = 'province' and band = 0) b
  where e is not null
),
-- 2 · 20037508.34 m: the width of the Web Mercator square; tile n of 2^z starts at −half + n · size
zooms as (
  select z, 40075016.685578488 / (1 << z) as size, (1 << z) - 1 as last,
         (select tb.band from tile_geometry_band tb where z between tb.minzoom and tb.maxzoom) as band
  from generate_series(0, $1::integer) z
),
candidates as (
  select zs.z, zs.band, x, y
  from zooms zs, extent e,
       generate_series(greatest(0, floor((e.xmin + 20037508.342789244) / zs.size))::integer,
                       least(zs.last, floor((e.xmax + 20037508.342789244) / zs.size))::integer) x,
       generate_series(greatest(0, floor((20037508.342789244 - e.ymax) / zs.size))::integer,
                       least(zs.last, floor((20037508.342789244 - e.ymin) / zs.size))::integer) y
)
select c.z, c.x, c.y
from candidates c
where exists (select 1 from tile_geometry g
              where g.band = c.band and g.level = 'province'
                and g.geom && st_tileenvelope(c.z, c.x, c.y)
                and st_intersects(g.geom, st_tileenvelope(c.z, c.x, c.y)))
order by c.z, c.x, c.y
