/**
 * No cold tiles for planners: after every data change, the tiles a planner opens first (the
 * `areas` tiles of the newest survey year and the `boundaries` tiles, zooms 0 to SEED_MAXZOOM, over
 * the country) are rendered again in the background into the one tile cache and kept in the tile
 * store (tiles/store.ts), in batches, so the first request after a change, a restart, or in another
 * worker finds them rendered. The seeder is polite: one tile at a time on one pooled connection, and
 * before each tile it waits until no request-driven tile is being built, so requests always go first.
 * A newer data version stops the running pass and starts a new one; closing stops it for good.
 * Tiles already kept under the current versions (boundaries after a change of the households; every
 * tile after a restart with unchanged data; what another worker kept) are skipped, and a tile still
 * in memory is kept without rendering it again. A finished pass deletes the older versions' tiles.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { tileRows, type TileDatabase } from './database.js';
import { tileKey } from './key.js';
import type { TileAddress, TileLayer, TileQuery } from './layer.js';
import type { KeptTile } from './store.js';

/** The zooms a planner pans through before drilling into villages (provinces to subdistricts). */
export const SEED_MAXZOOM = 10;
/** The layers seeded, by registry id. */
export const SEED_LAYERS = ['areas', 'boundaries'] as const;
/** How long a data change settles before a pass starts (a refresh bumps several versions in a row). */
const SETTLE_MS = 200;
/** How often the seeder looks again while requests are being served. */
const YIELD_MS = 5;
/** Tiles kept per statement: one insert per batch instead of a round trip per tile. */
const KEEP_BATCH = 64;

/**
 * Whether a tile is one the seeder keeps, so that a memory miss looks in the store first: a seeded
 * layer, zoom 0 to SEED_MAXZOOM, no metric selection, and the newest year for a layer with years.
 */
export function isSeededTile(layer: TileLayer, t: TileAddress, q: TileQuery, newestYear: number | undefined): boolean {
  return (SEED_LAYERS as readonly string[]).includes(layer.id) && t.z <= SEED_MAXZOOM && q.metric === undefined
    && (!layer.usesYear || (q.year !== undefined && q.year === newestYear));
}

/** What the seeder needs of the tile service (tiles/service.ts). */
export interface SeedTarget {
  layer(id: string): TileLayer;
  /** The newest survey year, or undefined when there is none yet. */
  newestSurveyYear(): Promise<number | undefined>;
  /** Keys of the layer's tiles kept in the store under its current versions (empty while they are unknown). */
  storedKeys(layer: TileLayer): Promise<ReadonlySet<string>>;
  /**
   * The tile from the memory cache, or built (and cached) now as a background job (not counted as a
   * request), ready to keep; undefined while the data versions are unknown (nothing may be kept).
   */
  render(layer: TileLayer, t: TileAddress, year: number | undefined): Promise<KeptTile | undefined>;
  /** Write a batch of tiles to the store. */
  keep(tiles: readonly KeptTile[]): Promise<void>;
  /** After a full pass: delete the layer's tiles kept under older versions; resolves to how many. */
  purge(layer: TileLayer): Promise<number>;
  /** Tiles being built for requests right now. */
  requestsBuilding(): number;
}

export interface SeedPass {
  /** Tiles of this pass (both layers). */
  total: number;
  /** Rendered (or taken from memory) and kept by this pass so far. */
  rendered: number;
  /** Already kept under the current versions when the pass reached them. */
  skipped: number;
  /** Tiles of older versions deleted from the store at the end of the pass. */
  purged?: number;
  startedAt: number;
  /** Set when the pass went through every tile. */
  finishedAt?: number;
}

export class TileSeeder {
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** A pass is scheduled (the settle timer runs). */
  private armed = false;
  /** A pass is running. */
  private active = false;
  private closed = false;
  /** The latest pass, finished or not. */
  last: SeedPass | undefined;

  constructor(private readonly db: TileDatabase, private readonly target: SeedTarget,
              private readonly warn: (message: string) => void = () => undefined) {}

  /** A data version moved: stop the running pass and start again once the change has settled. */
  schedule(): void {
    if (this.closed) return;
    const generation = ++this.generation;
    clearTimeout(this.timer);
    this.armed = true;
    this.timer = setTimeout(() => {
      this.armed = false;
      // one pass at a time: a stopped pass finishes its tile first
      this.running = (this.running ?? Promise.resolve()).then(() => this.pass(generation));
    }, SETTLE_MS);
    this.timer.unref();
  }

  /** Stop for good (server shutdown); resolves when the tile being rendered, if any, is done. */
  async close(): Promise<void> {
    this.closed = true;
    this.armed = false;
    this.generation++;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Resolves once no pass is scheduled or running (for tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.armed || this.active) await sleep(SETTLE_MS / 4);
  }

  private async pass(generation: number): Promise<void> {
    const stopped = () => generation !== this.generation;
    if (stopped()) return;
    this.active = true;
    try {
      const year = await this.target.newestSurveyYear();
      const addresses = await tileRows<{ z: number; x: number; y: number }>(this.db, 'seed_addresses.sql', [SEED_MAXZOOM]);
      const layers = SEED_LAYERS.map((id) => this.target.layer(id));
      const pass: SeedPass = { total: addresses.length * layers.length, rendered: 0, skipped: 0, startedAt: Date.now() };
      this.last = pass;
      const stored = new Map<TileLayer, ReadonlySet<string>>();
      for (const layer of layers) stored.set(layer, await this.target.storedKeys(layer));
      // tiles rendered under versions that a newer one replaced before the batch was written are
      // dropped with the stopped pass: they could never be served
      let batch: KeptTile[] = [];
      // coarse zooms first: they are what a planner sees first, and the fewest tiles
      for (const t of addresses) {
        for (const layer of layers) {
          const tileYear = layer.usesYear ? year : undefined;
          if (layer.usesYear && year === undefined) continue;
          if (stored.get(layer)!.has(tileKey(layer, t, { year: tileYear, metric: undefined }))) {
            pass.skipped++;
            continue;
          }
          while (this.target.requestsBuilding() > 0 && !stopped()) await sleep(YIELD_MS);
          if (stopped()) return;
          const tile = await this.target.render(layer, t, tileYear);
          pass.rendered++;
          if (tile) batch.push(tile);
          if (batch.length >= KEEP_BATCH && !stopped()) {
            await this.target.keep(batch);
            batch = [];
          }
        }
      }
      if (stopped()) return;
      await this.target.keep(batch);
      pass.purged = 0;
      for (const layer of layers) pass.purged += await this.target.purge(layer);
      pass.finishedAt = Date.now();
    } catch (err) {
      // the next data change tries again; requests build what they need meanwhile
      if (!stopped()) this.warn(`tile seeding stopped: ${(err as Error).message}`);
    } finally {
      this.active = false;
    }
  }
}
