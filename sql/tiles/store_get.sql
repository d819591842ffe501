-- A rendered tile kept in tile_store (tiles/store.ts), only under the stamp the caller holds for
-- current: one row by primary key. $1 key (tiles/key.ts), $2 stamp. No row: render it.
-- The bytes travel as base64 text: node-postgres reads every field as text, and a bytea in text is
-- hex, twice the bytes and slower to parse than base64 (a 67-tile read on the national store: 0.76
-- against 1.20 ms a tile, medians of 15 rounds).
select etag, encode(gzip, 'base64') as gzip_base64 from tile_store where key = $1::text and stamp = $2::text
