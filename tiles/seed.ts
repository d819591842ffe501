/**
 * No cold tiles for planners: after every data change, the tiles a planner opens first (the
 * `areas` tiles of the newest survey year and the `boundaries` tiles, zooms 0 to SEED_MAXZOOM, over
 * the country) are rendered again in the background into the one tile cache, so the first request
 * after a change is a hit. The seeder is polite: one tile at a time on one pooled connection, and
 * before each tile it waits until no request-driven tile is being built, so requests always go first.
 * A newer data version stops the running pass and starts a new one; closing stops it for good.
 * Tiles still valid under the current versions (boundaries after a change of the households) are
 * skipped: they are hits already.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { tileRows, type TileDatabase } from './database.js';
import type { TileAddress, TileLayer } from './layer.js';

/** The zooms a planner pans through before drilling into villages (provinces to subdistricts). */
export const SEED_MAXZOOM = 10;
/** The layers seeded, by registry id. */
export const SEED_LAYERS = ['areas', 'boundaries'] as const;
/** How long a data change settles before a pass starts (a refresh bumps several versions in a row). */
const SETTLE_MS = 200;
/** How often the seeder looks again while requests are being served. */
const YIELD_MS = 5;

/** What the seeder needs of the tile service (tiles/service.ts). */
export interface SeedTarget {
  layer(id: string): TileLayer;
  /** The newest survey year, or undefined when there is none yet. */
  newestSurveyYear(): Promise<number | undefined>;
  /** Whether the tile is in the cache under the current versions. */
  isCached(layer: TileLayer, t: TileAddress, year: number | undefined): boolean;
  /** Build (and cache) the tile, as a background job (not counted as a request). */
  render(layer: TileLayer, t: TileAddress, year: number | undefined): Promise<void>;
  /** Tiles being built for requests right now. */
  requestsBuilding(): number;
}

export interface SeedPass {
  /** Tiles of this pass (both layers). */
  total: number;
  /** Rendered by this pass so far. */
  rendered: number;
  /** Already cached when the pass reached them. */
  skipped: number;
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
      // coarse zooms first: they are what a planner sees first, and the fewest tiles
      for (const t of addresses) {
        for (const layer of layers) {
          const tileYear = layer.usesYear ? year : undefined;
          if (layer.usesYear && year === undefined) continue;
          while (this.target.requestsBuilding() > 0 && !stopped()) await sleep(YIELD_MS);
          if (stopped()) return;
          if (this.target.isCached(layer, t, tileYear)) {
            pass.skipped++;
            continue;
          }
          await this.target.render(layer, t, tileYear);
          pass.rendered++;
        }
      }
      pass.finishedAt = Date.now();
    } catch (err) {
      // the next data change tries again; requests build what they need meanwhile
      if (!stopped()) this.warn(`tile seeding stopped: ${(err as Error).message}`);
    } finally {
      this.active = false;
    }
  }
}
