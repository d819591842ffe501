/**
 * Finished tiles of every layer and kind in memory, the one tile cache: an LRU bounded by bytes
 * (lru-cache), holding each tile compressed once.
 * An entry remembers the data-version stamp it was built under and is only returned while that
 * stamp is current, so a data change retires a layer's tiles without walking the cache.
 */
import { LRUCache } from 'lru-cache';

export interface CachedTile {
  /** Data versions (DataVersions.stamp) the tile was built from. */
  stamp: string;
  /** Undefined for an empty tile (answered 204). */
  etag: string | undefined;
  /** Content-Type of the tile's format. */
  contentType: string;
  /** A compressible format (MVT): the gzip bytes, sent with Content-Encoding. */
  gzip: Buffer | undefined;
  /** Made on the first request that prefers brotli, then kept. */
  br?: Buffer;
  /** A format that is compressed already (PNG): the bytes as they are, for every Accept-Encoding. */
  plain?: Buffer;
}

/** Bookkeeping bytes per entry besides the buffers (key, object, LRU node). */
const ENTRY_OVERHEAD = 256;

export class TileCache {
  private readonly lru: LRUCache<string, CachedTile>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, CachedTile>({
      maxSize: maxBytes,
      sizeCalculation: (tile, key) => ENTRY_OVERHEAD + key.length + (tile.gzip?.length ?? 0) + (tile.br?.length ?? 0) + (tile.plain?.length ?? 0),
    });
  }

  /** The tile under `key` if it was built under `stamp`; undefined stamp means caching is off. */
  get(key: string, stamp: string | undefined): CachedTile | undefined {
    if (stamp === undefined) return undefined;
    const tile = this.lru.get(key);
    return tile && tile.stamp === stamp ? tile : undefined;
  }

  /** Store (or re-store after adding brotli bytes, so the byte budget counts them). */
  set(key: string, tile: CachedTile): void {
    // lru-cache recomputes an entry's size only when the value is a different object: re-storing the
    // same tile (brotli bytes added) goes through a delete, or those bytes would never be counted
    if (this.lru.peek(key) === tile) this.lru.delete(key);
    this.lru.set(key, tile);
  }

  clear(): void {
    this.lru.clear();
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get size(): number {
    return this.lru.size;
  }
}
