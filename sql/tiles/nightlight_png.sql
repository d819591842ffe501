-- One night-light PNG tile: $1 z, $2 x, $3 y, $4 year, $5 overview factor (1 = full resolution,
-- else nightlight_overview at 1/factor), $6 the ST_ColorMap colormap (tiles/ramp.ts). Run by
-- tiles/sources/raster.ts after sql/tiles/enable_png_driver.sql.
-- The source tiles under the tile's envelope (in EPSG:4326, with a one-pixel margin so bilinear
-- resampling has neighbours at the edges) are merged, clipped, warped onto the tile's 256×256 grid in
-- EPSG:3857 (ST_Transform aligned to a reference raster) and laid on that exact grid by map algebra
-- (extent CUSTOM = the reference), then coloured and encoded. Returns null when no source tile is there.
with tile as (
  select e, st_transform(e, 4326) as e4326,
         st_makeemptyraster(256, 256, st_xmin(e), st_ymax(e), (st_xmax(e) - st_xmin(e)) / 256,
                            -(st_ymax(e) - st_ymin(e)) / 256, 0, 0, 3857) as grid
  from (select st_tileenvelope($1::integer, $2::integer, $3::integer) as e) t
),
source as (
  select r.rast from nightlight_raster r, tile
  where $5::integer = 1 and r.year = $4::smallint and st_intersects(st_convexhull(r.rast), tile.e4326)
  union all
  select o.rast from nightlight_overview o, tile
  where $5::integer > 1 and o.factor = $5::smallint and o.year = $4::smallint and st_intersects(st_convexhull(o.rast), tile.e4326)
),
merged as (
  select st_clip(st_union(s.rast), st_expand(tile.e4326, 2 * $5::integer / 240.0)) as rast
  from source s, tile group by tile.e4326
),
warped as (
  select st_transform(m.rast, tile.grid, 'Bilinear') as rast from merged m, tile where m.rast is not null
),
laid as (
  select st_mapalgebra(array[row(w.rast, 1)]::rastbandarg[], 'st_max4ma(double precision[], int[], text[])'::regprocedure,
                       '32BF', 'CUSTOM', tile.grid, 0, 0) as rast
  from warped w, tile
)
select st_aspng(st_colormap(rast, 1, $6::text, 'INTERPOLATE')) as png from laid
