-- A seeded tile on a memory miss, in one round trip (tiles/sources/mvt.ts): the tile kept in
-- tile_store under the caller's stamp, or, when none is kept there, the layer's tile rendered now.
-- tiles/sources/mvt.ts puts the layer's own statement (sql/tiles/<layer>.sql, parameters $1…$n
-- unchanged) in place of LAYER_STATEMENT, and the parameter numbers $n+1 (the key, tiles/key.ts)
-- and $n+2 (the stamp) in place of KEY and STAMP.
-- The layer's statement is an uncorrelated scalar subquery, an InitPlan, which PostgreSQL runs only
-- when the CASE asks for it: a kept tile costs the store's primary-key read alone and a missing one
-- the render alone (on the national database, 67 district tiles: 0.30 ms a kept tile against 0.32
-- for the row read on its own, and 2.41 ms a rendered one against 2.48 for the layer's statement).
-- Before, a miss read the store, gave the connection back, and took one again to render: a second
-- round trip, 0.3-0.5 ms of a 3.5-5 ms cold tile (tests/bench/RESULTS.md, tiles-cold, session 52).
-- The kept bytes travel as base64 text: node-postgres reads every field as text, and a bytea in
-- text is hex, twice the bytes and slower to parse (a 67-tile read on the national store: 0.76
-- against 1.20 ms a tile, medians of 15 rounds). The rendered bytes are read as bytea, as the
-- layer's statement alone would be.
-- `kept` tells a kept empty tile (no ETag, no bytes: answered 204) from none kept.
select k.key is not null as kept, k.etag, encode(k.gzip, 'base64') as gzip_base64,
       case when k.key is null then (
LAYER_STATEMENT
       ) end as tile
from (select) as one
left join tile_store k on k.key = KEY::text and k.stamp = STAMP::text
