/**
 * Answering one tile request of any layer and format: the one address check, the query defaults,
 * the one cache (or the layer's source once), content coding and the response headers (ETag, 304,
 * 204 for an empty tile). The /tiles routes (plugin.ts) and the server's OGC API – Tiles routes
 * (server/routes/ogc-tiles.ts) both answer through it, so a tile is the same bytes, cache entry and
 * invalidation whichever URL asked for it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { versionedCacheControl } from './cdn-headers.js';
import { negotiateEncoding } from './encoding.js';
import type { TileAddress, TileFormat } from './layer.js';
import { TileProblem } from './problem.js';
import { tileResponse } from './response.js';
import type { RawTileQuery, TileService } from './service.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** Database outages become 503 problems; anything else goes on to the app's error handler. */
export function unavailableAs503(err: unknown): never {
  if (!(err instanceof TileProblem) && isDatabaseUnavailable(err)) {
    throw new TileProblem(503, 'the tile database is unavailable; try again shortly');
  }
  throw err;
}

export interface TileParamsText {
  layer: string;
  z: string;
  x: string;
  y: string;
}

export async function sendLayerTile(service: TileService, request: FastifyRequest, reply: FastifyReply, format: TileFormat,
  params: TileParamsText, raw: RawTileQuery) {
  const layer = service.layerOfFormat(params.layer, format);
  const address: TileAddress = { z: Number(params.z), x: Number(params.x), y: Number(params.y) };
  service.checkAddress(layer, address);
  const query = await service.resolveQuery(layer, raw).catch(unavailableAs503);
  const { key, tile: cached } = await service.tile(layer, address, query).catch(unavailableAs503);
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  const ifNoneMatch = request.headers['if-none-match'];
  const cacheControl = versionedCacheControl(raw.v, cached.stamp);
  const response = tileResponse(cached, encoding, undefined, ifNoneMatch, cacheControl)
    ?? tileResponse(cached, encoding, await service.body(key, cached, encoding), ifNoneMatch, cacheControl)!;
  reply.code(response.status).headers(response.headers);
  return reply.send(response.status === 200 ? response.body : undefined);
}
