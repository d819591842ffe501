/**
 * Rendered tiles kept in the database (table tile_store, sql/migrations/019_tile_store.sql): the
 * tiles the background seeder renders (tiles/seed.ts) outlive the process, and every worker of the
 * scale-out shares them. The memory cache (tiles/cache.ts) stays in front: the store is read on a
 * memory miss, one row by primary key in the same statement that renders the tile when none is
 * kept (sql/tiles/kept_or_rendered.sql, run by tiles/sources/mvt.ts), and only under the stamp the
 * caller holds for current, so a tile of older data is never served.
 *
 * Writes come from the seeder only, which runs outside any request and so on the primary
 * (server/db/read-routing.ts); a read inside a request may go to a replica that has not replayed
 * the newest rows yet, which is a miss (the tile is rendered), never a wrong tile.
 */
import { tileRows, type TileDatabase } from './database.js';

/** A rendered tile as kept: the memory cache's bytes and ETag, under the stamp it was built under. */
export interface KeptTile {
  key: string;
  /** Layer id (the first part of the key), for the seeder's per-layer reads and purges. */
  layer: string;
  stamp: string;
  /** Undefined for an empty tile (answered 204). */
  etag: string | undefined;
  /** The gzip of the MVT bytes; undefined for an empty tile. */
  gzip: Buffer | undefined;
}

/** A kept tile as the store's statements read it: the gzip as base64 text (see kept_or_rendered.sql). */
export interface KeptRow {
  etag: string | null;
  gzip_base64: string | null;
}

/** The ETag and bytes of a kept row. */
export function keptFromRow(row: KeptRow): Pick<KeptTile, 'etag' | 'gzip'> {
  return { etag: row.etag ?? undefined, gzip: row.gzip_base64 === null ? undefined : Buffer.from(row.gzip_base64, 'base64') };
}

export class TileStore {
  constructor(private readonly db: TileDatabase) {}

  /** Keys of `layer`'s tiles kept under `stamp`. */
  async keys(layer: string, stamp: string): Promise<Set<string>> {
    return new Set((await tileRows<{ key: string }>(this.db, 'store_keys.sql', [layer, stamp])).map((r) => r.key));
  }

  /** Keep a batch of tiles in one statement; a tile kept already (another worker) stays as it is. */
  async put(tiles: readonly KeptTile[]): Promise<void> {
    if (!tiles.length) return;
    await tileRows(this.db, 'store_put.sql', [
      tiles.map((t) => t.key), tiles.map((t) => t.stamp), tiles.map((t) => t.layer),
      tiles.map((t) => t.etag ?? null), tiles.map((t) => t.gzip ?? null),
    ]);
  }

  /** Delete `layer`'s tiles kept under stamps older than `stamp`; resolves to how many went. */
  async purge(layer: string, stamp: string): Promise<number> {
    const [row] = await tileRows<{ deleted: number }>(this.db, 'store_purge.sql', [layer, stamp]);
    return row?.deleted ?? 0;
  }
}
