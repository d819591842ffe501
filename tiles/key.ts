/**
 * The cache key of a tile: layer, address and the query values the layer uses. The Fastify route
 * and the raw fast path both build keys here, so they always agree.
 */
import type { TileAddress, TileLayer, TileQuery } from './layer.js';

export function tileKey(layer: TileLayer, t: TileAddress, q: TileQuery): string {
  return `${layer.id}/${t.z}/${t.x}/${t.y}?${layer.usesYear ? q.year : ''}&${q.metric ?? ''}`;
}
