/**
 * A cache hit answered straight from Node's HTTP server, before Fastify builds request and reply
 * objects, runs hooks and logs: a warm tile costs a regex, a map lookup and one write, as close to
 * nginx serving a file as Node gets. Anything else — a miss, a stale entry, HEAD, an unusual query,
 * identity or not-yet-made brotli encoding — goes on to Fastify unchanged, and the route gives the
 * same answer the slow way. Consequence: cache hits are not in Fastify's request log, and other
 * plugins' hooks do not run for them (tiles are public aggregates; no auth or rate limit applies).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { negotiateEncoding } from './encoding.js';
import { tileKey } from './key.js';
import { parseSimpleQuery } from './query.js';
import { findLayer } from './registry.js';
import { storedBody, tileResponse } from './response.js';
import type { TileService } from './service.js';

const TILE_URL = /^\/tiles\/([a-z][a-z0-9_]*)\/([0-9]{1,2})\/([0-9]{1,7})\/([0-9]{1,7})\.(?:mvt|pbf)(?:\?(.*))?$/;

/** Answer `req` from the cache if possible; false when Fastify should handle it. */
export function serveFromCache(service: TileService, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.url) return false;
  const m = TILE_URL.exec(req.url);
  if (!m) return false;
  const layer = findLayer(m[1]);
  if (!layer) return false;
  const query = parseSimpleQuery(m[5] ?? '');
  if (!query) return false;
  if (query.metric !== undefined && !layer.metrics.length) return false;
  const year = layer.usesYear ? query.year ?? service.defaultYear : undefined;
  if (layer.usesYear && year === undefined) return false;
  const address = { z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
  const tile = service.cached(tileKey(layer, address, { year, metric: query.metric }), layer);
  if (!tile) return false;
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  const response = tileResponse(tile, encoding, storedBody(tile, encoding), req.headers['if-none-match']);
  if (!response) return false;
  res.writeHead(response.status, response.headers);
  res.end(response.body);
  return true;
}

/** Put the fast path in front of the server's request handler (Fastify's). */
export function installFastPath(server: Server, service: TileService): void {
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (serveFromCache(service, req, res)) return;
    for (const handler of handlers) handler.call(server, req, res);
  });
}
