-- A rendered tile kept in tile_store (tiles/store.ts), only under the stamp the caller holds for
-- current: one row by primary key. $1 key (tiles/key.ts), $2 stamp. No row: render it.
select etag, gzip from tile_store where key = $1::text and stamp = $2::text
