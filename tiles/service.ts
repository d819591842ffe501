/**
 * The tile service the HTTP layer talks to (Martin's catalog + cache in one place): validates tile
 * requests against the registry, answers from the cache or builds a tile once (concurrent requests
 * for the same missing tile share one query), compresses it once, and describes layers for TileJSON.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { HttpProblem } from '../server/plugins/problem.js';
import type { Db } from '../server/db/knex.js';
import { TileCache, type CachedTile } from './cache.js';
import type { TileEncoding } from './encoding.js';
import { tileKey } from './key.js';
import type { TileAddress, TileLayer, TileQuery } from './layer.js';
import { findLayer, TILE_LAYERS } from './registry.js';
import { PostgresTileSource } from './source.js';
import { DataVersions } from './versions.js';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const gunzip = promisify(zlib.gunzip);

/**
 * Tiles up to this size are gzipped inline: at level 1 (~70 MB/s here) that is at most a few
 * milliseconds, less than a round trip through libuv's thread pool costs on a busy 2-core machine.
 * Bigger ones (none on the national profile; the largest raw tile is ~210 KB) go to the thread pool
 * so the event loop stays free.
 */
const INLINE_GZIP_BYTES = 256 * 1024;

/**
 * zlib level 1. Measured on the national profile's benchmark tiles: level 6 took 2.4× as long for
 * 4 % fewer bytes, and a cold tile waits for its compression. Each tile is compressed once, then
 * served from the cache.
 */
const GZIP = { level: 1 };

export interface TileServiceOptions {
  /** Byte budget of the in-memory tile cache. */
  cacheBytes: number;
  /** Where to report a lost or failed data-version listener. */
  warn?: (message: string) => void;
}

/** Raw query values after schema validation (types checked, values not yet checked against data). */
export interface RawTileQuery {
  year?: number;
  metric?: string;
}

export type Bounds = [number, number, number, number];

export class TileService {
  readonly cache: TileCache;
  private readonly source: PostgresTileSource;
  private readonly versions: DataVersions;
  private readonly inflight = new Map<string, Promise<CachedTile>>();
  private yearsMemo: { stamp: string; years: number[] } | undefined;
  private boundsMemo: { stamp: string; bounds: Bounds } | undefined;
  /** Newest survey year, kept for the fast path (which cannot wait on the database). */
  defaultYear: number | undefined;

  constructor(db: Db, connectionString: string, options: TileServiceOptions) {
    this.cache = new TileCache(options.cacheBytes);
    this.source = new PostgresTileSource(db, TILE_LAYERS);
    this.versions = new DataVersions(connectionString, () => this.source.rows('data_versions.sql'), options.warn);
    this.versions.changed(() => {
      this.yearsMemo = undefined;
      this.boundsMemo = undefined;
    });
  }

  /** Never fails: with the database down the server still starts, uncached, and catches up. */
  async start(): Promise<void> {
    await this.versions.start();
    await this.years().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.versions.close();
  }

  layers(): readonly TileLayer[] {
    return TILE_LAYERS;
  }

  /** The layer named in a URL, or a 404 naming the layers there are. */
  layer(id: string): TileLayer {
    const layer = findLayer(id);
    if (!layer) {
      throw new HttpProblem(404, `unknown tile layer "${id}"; layers are ${TILE_LAYERS.map((l) => l.id).join(', ')}`, { parameter: 'layer' });
    }
    return layer;
  }

  stamp(layer: TileLayer): string | undefined {
    return this.versions.stamp(layer.dependsOn);
  }

  /** Survey years in the rollups, oldest first. */
  async years(): Promise<number[]> {
    const stamp = this.versions.stamp(['households']);
    if (stamp !== undefined && this.yearsMemo?.stamp === stamp) return this.yearsMemo.years;
    const years = (await this.source.rows<{ year: number }>('survey_years.sql')).map((r) => r.year);
    if (stamp !== undefined) this.yearsMemo = { stamp, years };
    this.defaultYear = years.at(-1);
    return years;
  }

  async bounds(): Promise<Bounds> {
    const stamp = this.versions.stamp(['areas']);
    if (stamp !== undefined && this.boundsMemo?.stamp === stamp) return this.boundsMemo.bounds;
    const [row] = await this.source.rows<{ west: number | null; south: number; east: number; north: number }>('bounds.sql');
    // With no geometry loaded yet, the whole world (TileJSON's default).
    const bounds: Bounds = row?.west == null ? [-180, -85.05112878, 180, 85.05112878] : [row.west, row.south, row.east, row.north];
    if (stamp !== undefined) this.boundsMemo = { stamp, bounds };
    return bounds;
  }

  /** Check z/x/y against the layer's zoom range and the tile grid; 400 naming what is wrong. */
  checkAddress(layer: TileLayer, t: TileAddress): void {
    if (t.z < layer.minzoom || t.z > layer.maxzoom) {
      throw new HttpProblem(400, `z ${t.z} is outside layer ${layer.id}'s zoom range ${layer.minzoom}-${layer.maxzoom}`, { parameter: 'z' });
    }
    const n = 2 ** t.z;
    if (t.x >= n) throw new HttpProblem(400, `x ${t.x} is outside the tile grid at z ${t.z} (0-${n - 1})`, { parameter: 'x' });
    if (t.y >= n) throw new HttpProblem(400, `y ${t.y} is outside the tile grid at z ${t.z} (0-${n - 1})`, { parameter: 'y' });
  }

  /** Apply defaults and check the query against the layer and the data; 4xx naming the parameter. */
  async resolveQuery(layer: TileLayer, raw: RawTileQuery): Promise<TileQuery> {
    if (raw.metric !== undefined) {
      if (!layer.metrics.length) {
        throw new HttpProblem(400, `layer ${layer.id} has no metric selection; "metric" applies to ${TILE_LAYERS.filter((l) => l.metrics.length).map((l) => l.id).join(', ')}`, { parameter: 'metric' });
      }
      if (!layer.metrics.includes(raw.metric)) {
        throw new HttpProblem(400, `unknown metric "${raw.metric}"; metrics are ${layer.metrics.join(', ')}`, { parameter: 'metric' });
      }
    }
    if (!layer.usesYear) return { year: undefined, metric: raw.metric };
    const years = await this.years();
    if (raw.year === undefined) {
      if (!years.length) throw new HttpProblem(404, 'no survey data is loaded yet', { parameter: 'year' });
      return { year: years.at(-1), metric: raw.metric };
    }
    if (!years.includes(raw.year)) {
      throw new HttpProblem(404, `no survey data for year ${raw.year}; years are ${years.join(', ') || 'none'}`, { parameter: 'year' });
    }
    return { year: raw.year, metric: raw.metric };
  }

  /** A cached tile for the fast path, or undefined when it must go the slow way. */
  cached(key: string, layer: TileLayer): CachedTile | undefined {
    return this.cache.get(key, this.stamp(layer));
  }

  /** The tile, from the cache or built now. Inputs must have passed checkAddress/resolveQuery. */
  async tile(layer: TileLayer, t: TileAddress, q: TileQuery): Promise<{ key: string; tile: CachedTile }> {
    const key = tileKey(layer, t, q);
    // The stamp is read before the query: if data changes meanwhile, the tile is stored under the
    // old stamp and never served for the new one.
    const stamp = this.stamp(layer);
    const hit = this.cache.get(key, stamp);
    if (hit) return { key, tile: hit };
    const flightKey = `${key}#${stamp}`;
    let pending = this.inflight.get(flightKey);
    if (!pending) {
      pending = this.build(layer, t, q, stamp ?? '').finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, pending);
    }
    const tile = await pending;
    if (stamp !== undefined) this.cache.set(key, tile);
    return { key, tile };
  }

  /** The body of `tile` in `encoding`; brotli is made once, on first request, and kept. */
  async body(key: string, tile: CachedTile, encoding: TileEncoding): Promise<Buffer | undefined> {
    if (!tile.gzip) return undefined;
    if (encoding === 'gzip') return tile.gzip;
    if (encoding === 'identity') return gunzip(tile.gzip);
    if (!tile.br) {
      tile.br = await brotli(await gunzip(tile.gzip), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } });
      if (this.cache.get(key, tile.stamp) === tile) this.cache.set(key, tile);
    }
    return tile.br;
  }

  private async build(layer: TileLayer, t: TileAddress, q: TileQuery, stamp: string): Promise<CachedTile> {
    const mvt = await this.source.tile(layer, t, q);
    if (!mvt.length) return { stamp, etag: undefined, gzip: undefined };
    const etag = `W/"${crypto.createHash('sha1').update(mvt).digest('base64url').slice(0, 22)}"`;
    return { stamp, etag, gzip: mvt.length <= INLINE_GZIP_BYTES ? zlib.gzipSync(mvt, GZIP) : await gzip(mvt, GZIP) };
  }

}
