-- Rendered tiles kept in the database (issue 18; tiles/store.ts): the `areas` (newest survey year)
-- and `boundaries` tiles of zooms 0-10 that the background seeder (tiles/seed.ts) renders after a
-- data change, so that a restarted server, or another worker of the scale-out, answers them without
-- rendering them again, and no worker renders what another has stored already.
--   key    the tile cache's key (tiles/key.ts): layer, z/x/y, year, metric
--   stamp  the data versions the tile was rendered under (DataVersions.stamp, versions joined by '.');
--          a row is only served while its stamp is the layer's current one. Versions only grow
--          (povmap.bump_data_version), so a stamp never comes back with other data behind it.
--   gzip   the renderer's bytes exactly as the memory cache holds them (gzip of the MVT), null for
--          an empty tile (answered 204); etag null with it.
-- A LOGGED table, on purpose: surviving a restart is the point of it, and an unlogged table is
-- emptied after a crash and cannot be read on a streaming replica at all (tile reads may go to one,
-- server/db/read-routing.ts). The WAL it costs is one write of each tile per data change.
-- Rows of older stamps are deleted when a seeding pass finishes (sql/tiles/store_purge.sql), so it
-- holds about one set of z0-10 tiles per seeded layer.
create table tile_store (
  key         text not null,
  stamp       text not null,
  layer       text not null,
  etag        text,
  gzip        bytea,
  rendered_at timestamptz not null default now(),
  primary key (key, stamp),
  constraint tile_store_empty_has_no_etag check ((etag is null) = (gzip is null))
);
-- the bytes are gzip already: no second compression attempt by TOAST, stored out of line as they are
alter table tile_store alter column gzip set storage external;
-- a seeding pass reads the keys stored under a layer's current stamp, and purges its older stamps
create index tile_store_layer_stamp on tile_store (layer, stamp);
