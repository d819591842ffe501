-- Keep a batch of rendered tiles (tiles/store.ts), one element of each array per tile. Several
-- workers may store the same tile under the same stamp: the bytes are the same, the first one stays.
-- $1 keys, $2 stamps, $3 layer ids, $4 ETags (null: empty tile), $5 gzip bytes (null: empty tile).
insert into tile_store (key, stamp, layer, etag, gzip)
select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[])
on conflict (key, stamp) do nothing
