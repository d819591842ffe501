-- The keys of a layer's tiles kept in tile_store under its current stamp: what a seeding pass
-- skips (tiles/seed.ts). $1 layer id, $2 stamp.
select key from tile_store where layer = $1::text and stamp = $2::text
