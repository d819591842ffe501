/**
 * The tile service the HTTP layer talks to (Martin's catalog + cache in one place), for every kind
 * of layer: validates tile requests against the registry (one address check), answers from the one
 * cache or has the layer's source build the tile once (concurrent requests for the same missing
 * tile share one query), compresses it once where the format gains from it, and describes layers
 * for TileJSON. A memory miss of a tile the seeder keeps (tiles/seed.ts) looks in the tile store
 * (tiles/store.ts) before rendering. Years and bounds are kept per data version, so a cache hit makes no database query.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { TileCache, type CachedTile } from './cache.js';
import { tileRows, type TileDatabase } from './database.js';
import type { TileEncoding } from './encoding.js';
import { tileKey } from './key.js';
import type { TileAddress, TileFormat, TileLayer, TileQuery, YearSet } from './layer.js';
import { TileProblem } from './problem.js';
import type { TileRegistry } from './registry.js';
import { CONTENT_TYPES } from './response.js';
import { MvtSource } from './sources/mvt.js';
import { RasterSource } from './sources/raster.js';
import { isSeededTile, TileSeeder } from './seed.js';
import { TileStore, type KeptTile } from './store.js';
import { DataVersions } from './versions.js';
import { YEAR_SETS } from './years.js';

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
  /** Re-render the planner's first tiles in the background after every data change (tiles/seed.ts). */
  seed?: boolean;
}

/** Raw query values after schema validation (types checked, values not yet checked against data). */
export interface RawTileQuery {
  year?: number;
  metric?: string;
  /** The data version the URL was made for (TileJSON); it only sets Cache-Control (tiles/cdn-headers.ts). */
  v?: string;
}

export type Bounds = [number, number, number, number];

/** With no geometry or raster loaded yet, the whole world (TileJSON's default). */
const WORLD: Bounds = [-180, -85.05112878, 180, 85.05112878];

interface Memo<T> {
  stamp: string;
  value: T;
}

export class TileService {
  readonly cache: TileCache;
  private readonly mvt: MvtSource;
  private readonly raster: RasterSource;
  /** The data versions tiles are stamped with (the server's read router follows the same listener). */
  readonly versions: DataVersions;
  private readonly inflight = new Map<string, Promise<CachedTile>>();
  private readonly yearsMemo = new Map<YearSet, Memo<number[]>>();
  private readonly boundsMemo = new Map<string, Memo<Bounds>>();
  /** Newest year of each set, kept for the fast path (which cannot wait on the database). */
  private readonly newest = new Map<YearSet, number | undefined>();
  /** Tiles being built for requests (not for the seeder), which the seeder waits for. */
  private building = 0;
  /** The background seeder, when on. */
  readonly seeder: TileSeeder | undefined;
  /** Rendered tiles kept in the database, shared by every process on it. */
  readonly store: TileStore;
  /** Tiles rendered by a source (a tile query run), for tests and benchmarks: a store or memory hit does not count. */
  renders = 0;

  constructor(private readonly db: TileDatabase, listenUrl: string, readonly registry: TileRegistry, options: TileServiceOptions) {
    this.cache = new TileCache(options.cacheBytes);
    this.mvt = new MvtSource(db);
    this.raster = new RasterSource(db);
    this.store = new TileStore(db);
    this.versions = new DataVersions(listenUrl, () => tileRows(db, 'data_versions.sql'), options.warn);
    this.versions.changed(() => {
      this.yearsMemo.clear();
      this.boundsMemo.clear();
    });
    if (options.seed) {
      const seeder = new TileSeeder(db, {
        layer: (id) => this.layer(id),
        newestSurveyYear: async () => (await this.years('survey')).at(-1),
        storedKeys: async (layer) => {
          const stamp = this.stamp(layer);
          return stamp === undefined ? new Set() : this.store.keys(layer.id, stamp);
        },
        render: (layer, t, year) => this.seedTile(layer, t, year),
        keep: (tiles) => this.store.put(tiles),
        purge: async (layer) => {
          const stamp = this.stamp(layer);
          return stamp === undefined ? 0 : this.store.purge(layer.id, stamp);
        },
        requestsBuilding: () => this.building,
      }, options.warn);
      this.seeder = seeder;
      // every change of any version (the first read at start included) starts a new pass
      this.versions.changed(() => seeder.schedule());
    }
  }

  /** Never fails: with the database down the server still starts, uncached, and catches up. */
  async start(): Promise<void> {
    await this.versions.start();
    for (const set of Object.keys(YEAR_SETS) as YearSet[]) await this.years(set).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.seeder?.close();
    await this.versions.close();
  }

  layers(): readonly TileLayer[] {
    return this.registry.layers;
  }

  /** The layer named in a URL, or a 404 naming the layers there are. */
  layer(id: string): TileLayer {
    const layer = this.registry.find(id);
    if (!layer) {
      throw new TileProblem(404, `unknown tile layer "${id}"; layers are ${this.registry.layers.map((l) => l.id).join(', ')}`, 'layer');
    }
    return layer;
  }

  /** The layer named in a tile URL, which must serve the URL's format (404 otherwise). */
  layerOfFormat(id: string, format: TileFormat): TileLayer {
    const layer = this.layer(id);
    if (layer.format !== format) throw new TileProblem(404, `layer ${id} serves ${layer.format} tiles, not ${format}`, 'layer');
    return layer;
  }

  stamp(layer: TileLayer): string | undefined {
    return this.versions.stamp(layer.dependsOn);
  }

  /** Newest survey year (the default `year` of the survey layers), as last read. */
  get defaultYear(): number | undefined {
    return this.newest.get('survey');
  }

  /** Newest year of a set, as last read; the fast path's default year. */
  newestYear(set: YearSet): number | undefined {
    return this.newest.get(set);
  }

  /** The years of a set, oldest first; read once per data version. */
  async years(set: YearSet): Promise<number[]> {
    const info = YEAR_SETS[set];
    const stamp = this.versions.stamp([info.dependsOn]);
    const memo = this.yearsMemo.get(set);
    if (stamp !== undefined && memo?.stamp === stamp) return memo.value;
    const years = (await tileRows<{ year: number }>(this.db, info.sql)).map((r) => r.year);
    if (stamp !== undefined) this.yearsMemo.set(set, { stamp, value: years });
    this.newest.set(set, years.at(-1));
    return years;
  }

  /** [west, south, east, north] of a layer (of the year, for layers whose extent differs by year). */
  async bounds(layer: TileLayer, q: TileQuery): Promise<Bounds> {
    const { sql, dependsOn, byYear } = layer.bounds;
    const key = byYear ? `${sql}?${q.year}` : sql;
    const stamp = this.versions.stamp([dependsOn]);
    const memo = this.boundsMemo.get(key);
    if (stamp !== undefined && memo?.stamp === stamp) return memo.value;
    const [row] = await tileRows<{ west: number | null; south: number; east: number; north: number }>(this.db, sql, byYear ? [q.year] : []);
    const bounds: Bounds = row?.west == null ? WORLD : [row.west, row.south, row.east, row.north];
    if (stamp !== undefined) this.boundsMemo.set(key, { stamp, value: bounds });
    return bounds;
  }

  /** Check z/x/y against the layer's zoom range and the tile grid; 400 naming what is wrong. */
  checkAddress(layer: TileLayer, t: TileAddress): void {
    if (t.z < layer.minzoom || t.z > layer.maxzoom) {
      throw new TileProblem(400, `z ${t.z} is outside layer ${layer.id}'s zoom range ${layer.minzoom}-${layer.maxzoom}`, 'z');
    }
    const n = 2 ** t.z;
    if (t.x >= n) throw new TileProblem(400, `x ${t.x} is outside the tile grid at z ${t.z} (0-${n - 1})`, 'x');
    if (t.y >= n) throw new TileProblem(400, `y ${t.y} is outside the tile grid at z ${t.z} (0-${n - 1})`, 'y');
  }

  /** Apply defaults and check the query against the layer and the data; 4xx naming the parameter. */
  async resolveQuery(layer: TileLayer, raw: RawTileQuery): Promise<TileQuery> {
    if (raw.metric !== undefined) {
      if (!layer.metrics.length) {
        const withMetrics = this.registry.layers.filter((l) => l.metrics.length).map((l) => l.id).join(', ');
        throw new TileProblem(400, `layer ${layer.id} has no metric selection; "metric" applies to ${withMetrics}`, 'metric');
      }
      if (!layer.metrics.includes(raw.metric)) {
        throw new TileProblem(400, `unknown metric "${raw.metric}"; metrics are ${layer.metrics.join(', ')}`, 'metric');
      }
    }
    if (!layer.usesYear || !layer.yearSet) return { year: undefined, metric: raw.metric };
    const set = YEAR_SETS[layer.yearSet];
    const years = await this.years(layer.yearSet);
    if (raw.year === undefined) {
      if (!years.length) throw new TileProblem(404, set.none, 'year');
      return { year: years.at(-1), metric: raw.metric };
    }
    if (!years.includes(raw.year)) throw new TileProblem(404, set.unknown(raw.year, years), 'year');
    return { year: raw.year, metric: raw.metric };
  }

  /** A cached tile for the fast path, or undefined when it must go the slow way. */
  cached(key: string, layer: TileLayer): CachedTile | undefined {
    return this.cache.get(key, this.stamp(layer));
  }

  /**
   * The tile, from the cache or built now. Inputs must have passed checkAddress/resolveQuery.
   * `background`: built for the seeder, which yields to the tiles built for requests.
   */
  async tile(layer: TileLayer, t: TileAddress, q: TileQuery, background = false): Promise<{ key: string; tile: CachedTile }> {
    const key = tileKey(layer, t, q);
    // The stamp is read before the query: if data changes meanwhile, the tile is stored under the
    // old stamp and never served for the new one.
    const stamp = this.stamp(layer);
    const hit = this.cache.get(key, stamp);
    if (hit) return { key, tile: hit };
    const flightKey = `${key}#${stamp}`;
    let pending = this.inflight.get(flightKey);
    if (!pending) {
      pending = this.storedOrBuilt(layer, t, q, key, stamp).finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, pending);
    }
    if (!background) this.building++;
    const tile = await pending.finally(() => { if (!background) this.building--; });
    if (stamp !== undefined) this.cache.set(key, tile);
    return { key, tile };
  }

  /** The body of `tile` in `encoding`; brotli is made once, on first request, and kept. */
  async body(key: string, tile: CachedTile, encoding: TileEncoding): Promise<Buffer | undefined> {
    if (tile.plain) return tile.plain;
    if (!tile.gzip) return undefined;
    if (encoding === 'gzip') return tile.gzip;
    if (encoding === 'identity') return gunzip(tile.gzip);
    if (!tile.br) {
      tile.br = await brotli(await gunzip(tile.gzip), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } });
      if (this.cache.get(key, tile.stamp) === tile) this.cache.set(key, tile);
    }
    return tile.br;
  }

  /** A seeder's tile, from memory or built now, as the store keeps it; undefined while the versions are unknown. */
  private async seedTile(layer: TileLayer, t: TileAddress, year: number | undefined): Promise<KeptTile | undefined> {
    const { key, tile } = await this.tile(layer, t, { year, metric: undefined }, true);
    if (this.stamp(layer) === undefined) return undefined;
    return { key, layer: layer.id, stamp: tile.stamp, etag: tile.etag, gzip: tile.gzip };
  }

  /** A memory miss: a tile the seeder keeps comes from the store when kept under `stamp`, in the statement that renders it otherwise; any other is rendered. */
  private async storedOrBuilt(layer: TileLayer, t: TileAddress, q: TileQuery, key: string, stamp: string | undefined): Promise<CachedTile> {
    if (layer.kind === 'vector' && stamp !== undefined && isSeededTile(layer, t, q, layer.yearSet && this.newest.get(layer.yearSet))) {
      const found = await this.mvt.keptOrRendered(layer, t, q, key, stamp);
      if (found.kept) return { stamp, etag: found.kept.etag, contentType: CONTENT_TYPES[layer.format], gzip: found.kept.gzip };
      this.renders++;
      return this.packed(layer, found.bytes, stamp);
    }
    this.renders++;
    return this.packed(layer, layer.kind === 'vector' ? await this.mvt.tile(layer, t, q) : await this.raster.tile(layer, t, q), stamp ?? '');
  }

  /** A rendered tile as cached: its ETag, and its bytes gzipped (vector) or as they are (PNG). */
  private async packed(layer: TileLayer, bytes: Buffer, stamp: string): Promise<CachedTile> {
    const contentType = CONTENT_TYPES[layer.format];
    if (!bytes.length) return { stamp, etag: undefined, contentType, gzip: undefined };
    const etag = `W/"${crypto.createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`;
    // PNG is compressed already: stored and sent as it is.
    if (layer.kind === 'raster') return { stamp, etag, contentType, gzip: undefined, plain: bytes };
    return { stamp, etag, contentType, gzip: bytes.length <= INLINE_GZIP_BYTES ? zlib.gzipSync(bytes, GZIP) : await gzip(bytes, GZIP) };
  }
}
