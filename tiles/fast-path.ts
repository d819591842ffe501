/**
 * A cache hit of any layer (MVT or PNG) answered straight from Node's HTTP server, before Fastify builds request and reply
 * objects, runs hooks and logs: a warm tile costs two map lookups and one write, as close to nginx
 * serving a file as Node gets. Anything else — a miss, a stale entry, HEAD, an unusual query,
 * identity or not-yet-made brotli encoding — goes on to Fastify unchanged, and the route gives the
 * same answer the slow way. Consequence: cache hits are not in Fastify's request log, and other
 * plugins' hooks do not run for them (tiles are public aggregates; no auth or rate limit applies).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { CachedTile } from './cache.js';
import { versionedCacheControl } from './cdn-headers.js';
import { negotiateEncoding, type TileEncoding } from './encoding.js';
import { tileKey } from './key.js';
import type { TileFormat, TileLayer } from './layer.js';
import { parseSimpleQuery, YEAR_MAX, YEAR_MIN } from './query.js';
import { storedBody, tileResponse } from './response.js';
import type { TileService } from './service.js';

/** `/tiles/{layer}/{z}/{x}/{y}.{mvt|pbf|png}` with an optional query. */
const TILE_URL = /^\/tiles\/([a-z][a-z0-9_]*)\/([0-9]{1,2})\/([0-9]{1,7})\/([0-9]{1,7})\.(mvt|pbf|png)(?:\?(.*))?$/;
/** `/tiles/{layer}/{year}/{z}/{x}/{y}.png`, the raster URL with the year in the path (only `v` in the query). */
const YEAR_TILE_URL = /^\/tiles\/([a-z][a-z0-9_]*)\/([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,7})\/([0-9]{1,7})\.png(?:\?(v=[^&]*))?$/;

/** Bounds on the memo tables below, so odd clients cannot grow them without limit. */
const MAX_URLS = 100_000;
const MAX_ACCEPT = 64;

interface Resolved {
  layer: TileLayer;
  key: string;
  /** The data version the URL names (`?v=`), which sets Cache-Control. */
  v: string | undefined;
}

/** Raw request URL → cache key, for URLs whose key cannot change (no default year involved). */
const urlKeys = new Map<string, Resolved>();
/** Accept-Encoding header value → chosen encoding. */
const acceptMemo = new Map<string, TileEncoding>();
/** Flat header arrays of a tile's 200 responses, made once per cached tile, encoding and Cache-Control. */
const headerMemo = new WeakMap<CachedTile, Partial<Record<string, string[]>>>();

/** The layer, address and query of a tile URL the routes would take, or undefined when in doubt. */
function parse(service: TileService, url: string) {
  let layerId: string, format: TileFormat, z: string, x: string, y: string;
  let query: { year?: number; metric?: string; v?: string } | undefined;
  const m = TILE_URL.exec(url);
  if (m) {
    [, layerId, z, x, y] = m;
    format = m[5] === 'png' ? 'png' : 'mvt';
    query = parseSimpleQuery(m[6] ?? '');
  } else {
    const p = YEAR_TILE_URL.exec(url);
    if (!p) return undefined;
    const year = Number(p[2]);
    if (year < YEAR_MIN || year > YEAR_MAX) return undefined;
    [, layerId, , z, x, y] = p;
    format = 'png';
    const v = parseSimpleQuery(p[6] ?? '')?.v;
    if (p[6] && v === undefined) return undefined;
    query = { year, v };
  }
  const layer = service.registry.find(layerId);
  if (!layer || layer.format !== format || !query) return undefined;
  if (query.metric !== undefined && !layer.metrics.length) return undefined;
  return { layer, address: { z: Number(z), x: Number(x), y: Number(y) }, query };
}

function resolve(service: TileService, url: string): Resolved | undefined {
  const memo = urlKeys.get(url);
  if (memo) return memo;
  const parsed = parse(service, url);
  if (!parsed) return undefined;
  const { layer, address, query } = parsed;
  const year = layer.usesYear && layer.yearSet ? query.year ?? service.newestYear(layer.yearSet) : undefined;
  if (layer.usesYear && year === undefined) return undefined;
  const resolved = { layer, key: tileKey(layer, address, { year, metric: query.metric }), v: query.v };
  // A URL that leaves the year to the default must be resolved again when the default moves.
  if (!layer.usesYear || query.year !== undefined) {
    if (urlKeys.size >= MAX_URLS) urlKeys.clear();
    urlKeys.set(url, resolved);
  }
  return resolved;
}

function encodingOf(header: string | undefined): TileEncoding {
  if (header === undefined) return 'identity';
  let encoding = acceptMemo.get(header);
  if (encoding === undefined) {
    encoding = negotiateEncoding(header);
    if (acceptMemo.size >= MAX_ACCEPT) acceptMemo.clear();
    acceptMemo.set(header, encoding);
  }
  return encoding;
}

/**
 * The Accept-Encoding and If-None-Match of a request, read from its raw header list: `req.headers`
 * is built on first use, a header object per request that a cache hit does not otherwise need.
 * Repeated headers are joined as Node joins them (with ", ").
 */
function conditionHeaders(raw: string[]): { accept: string | undefined; ifNoneMatch: string | undefined } {
  let accept: string | undefined;
  let ifNoneMatch: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === 15 && name.toLowerCase() === 'accept-encoding') accept = accept === undefined ? raw[i + 1] : `${accept}, ${raw[i + 1]}`;
    else if (name.length === 13 && name.toLowerCase() === 'if-none-match') ifNoneMatch = ifNoneMatch === undefined ? raw[i + 1] : `${ifNoneMatch}, ${raw[i + 1]}`;
  }
  return { accept, ifNoneMatch };
}

/** Answer `req` from the cache if possible; false when Fastify should handle it. */
export function serveFromCache(service: TileService, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.url) return false;
  const resolved = resolve(service, req.url);
  if (!resolved) return false;
  const tile = service.cached(resolved.key, resolved.layer);
  if (!tile) return false;
  const { accept, ifNoneMatch } = conditionHeaders(req.rawHeaders);
  const encoding = encodingOf(accept);
  const body = storedBody(tile, encoding);
  const cacheControl = versionedCacheControl(resolved.v, tile.stamp);
  if (body && ifNoneMatch === undefined && tile.etag) {
    // The common case: precomputed headers, one write.
    let memo = headerMemo.get(tile);
    if (!memo) headerMemo.set(tile, (memo = {}));
    const headers = memo[`${encoding} ${cacheControl}`] ??= Object.entries(tileResponse(tile, encoding, body, undefined, cacheControl)!.headers).flatMap(([k, v]) => [k, String(v)]);
    res.writeHead(200, headers);
    res.end(body);
    return true;
  }
  const response = tileResponse(tile, encoding, body, ifNoneMatch, cacheControl);
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
