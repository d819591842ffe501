/**
 * A tile source (Martin's `Source`): turns one validated tile request of a layer into the tile's
 * bytes in the layer's format. One source per kind of layer — vector MVT from SQL (mvt.ts), raster
 * PNG from postgis_raster (raster.ts); the service in front of them owns the cache, the address
 * check, the years and invalidation, so a new kind of tile is a new source, not a new stack.
 */
import type { TileAddress, TileLayer, TileQuery } from '../layer.js';

export interface TileSource<L extends TileLayer> {
  /** The bytes of one tile; an empty buffer when nothing is there (answered 204 No Content). */
  tile(layer: L, address: TileAddress, query: TileQuery): Promise<Buffer>;
}

/** The pg statement name of a layer's tile query: parsed and planned once per pooled connection. */
export function statementName(layer: TileLayer): string {
  return `povmap_tile_${layer.id}`;
}
