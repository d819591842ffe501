-- A tile the seeder keeps (tiles/seed.ts isSeededTile) on a memory miss, in one round trip: its row
-- in tile_store under the stamp the caller holds for current (as store_get.sql reads it), or else
-- the layer's statement, run only when no row is kept (an uncorrelated `not exists`: a one-time
-- filter, so a kept tile renders nothing). Read first and rendered after, two statements cost a
-- round trip and a pooled connection more: about 0.6 ms of a 6 ms cold tile (issue 18).
-- Made per layer by tiles/sources/mvt.ts, which puts the layer's statement in the last line and
-- numbers the key's and the stamp's parameters after the layer's own (key as tiles/key.ts makes it).
with kept as materialized (
  select etag, encode(gzip, 'base64') as gzip_base64 from tile_store where key = $key::text and stamp = $stamp::text
)
select true as kept, k.etag, k.gzip_base64, null::bytea as tile from kept k
union all
select false, null, null, r.tile from ($render) r where not exists (select 1 from kept)
