/**
 * Status, headers and body for a cached tile, shared by the Fastify route and the raw fast path.
 * Empty tiles answer 204 No Content (no body, no Content-Type); MapLibre treats 204 as an empty tile.
 * ETags are weak and shared by every content coding of one tile, so If-None-Match works whichever
 * coding the client received. A tile stored `plain` (PNG, compressed already) has one body and so
 * neither Content-Encoding nor Vary.
 */
import type { CachedTile } from './cache.js';
import type { TileEncoding } from './encoding.js';
import type { TileFormat } from './layer.js';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
export const CONTENT_TYPES: Record<TileFormat, string> = { mvt: MVT_TYPE, png: 'image/png' };
/** Clients may store tiles but must revalidate (a cheap 304), since the data behind them can change. */
export const TILE_CACHE_CONTROL = 'public, no-cache';

export interface TileResponse {
  status: 200 | 204 | 304;
  headers: Record<string, string | number>;
  body: Buffer | undefined;
}

/** True when an If-None-Match header lists `etag` (weak comparison) or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

/**
 * The response for `tile` in `encoding`, given the body in that encoding (undefined for 204/304);
 * `cacheControl` from the URL's data version (tiles/cdn-headers.ts).
 * Returns undefined when a body is needed but not given.
 */
export function tileResponse(tile: CachedTile, encoding: TileEncoding, body: Buffer | undefined, ifNoneMatch: string | undefined,
  cacheControl = TILE_CACHE_CONTROL): TileResponse | undefined {
  // nosniff here too: the fast path answers cache hits without Fastify, so the server's headers plugin never sees them.
  const vary: Record<string, string> = { 'x-content-type-options': 'nosniff', ...(tile.plain ? {} : { vary: 'Accept-Encoding' }) };
  if (!tile.etag) {
    return { status: 204, headers: { 'cache-control': cacheControl, ...vary }, body: undefined };
  }
  const common = { etag: tile.etag, 'cache-control': cacheControl, ...vary };
  if (etagMatches(ifNoneMatch, tile.etag)) return { status: 304, headers: common, body: undefined };
  if (!body) return undefined;
  const headers: Record<string, string | number> = { ...common, 'content-type': tile.contentType, 'content-length': body.length };
  if (!tile.plain && encoding !== 'identity') headers['content-encoding'] = encoding;
  return { status: 200, headers, body };
}

/** The stored body for `encoding` when it is ready without work (plain, gzip, or brotli once made). */
export function storedBody(tile: CachedTile, encoding: TileEncoding): Buffer | undefined {
  if (tile.plain) return tile.plain;
  return encoding === 'gzip' ? tile.gzip : encoding === 'br' ? tile.br : undefined;
}
