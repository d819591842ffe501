/**
 * The background tile seeder's control flow (tiles/seed.ts) with a target whose renders wait until
 * the test lets them go: a newer data version stops the running pass after its current tile and
 * starts a new one; tiles built for requests go first; tiles kept in the store are skipped; the
 * tiles of a finished pass are kept and older versions purged, a stopped pass keeps nothing; close stops it.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { TileDatabase } from '../../tiles/database.js';
import { tileKey } from '../../tiles/key.js';
import type { TileAddress, TileLayer } from '../../tiles/layer.js';
import { TileSeeder, type SeedTarget } from '../../tiles/seed.js';
import type { KeptTile } from '../../tiles/store.js';

const ADDRESSES = [{ z: 0, x: 0, y: 0 }, { z: 1, x: 1, y: 0 }, { z: 2, x: 3, y: 1 }];

const db: TileDatabase = {
  acquire: async () => ({ query: async () => ({ rows: ADDRESSES }) }) as unknown as pg.ClientBase,
  release: () => undefined,
};

class FakeTarget implements SeedTarget {
  rendered: string[] = [];
  /** Keys (tileKey) the store holds under the current versions. */
  stored = new Set<string>();
  kept: string[] = [];
  purged: string[] = [];
  building = 0;
  private waiting: Array<() => void> = [];
  layer(id: string) { return { id, usesYear: id === 'areas' } as TileLayer; }
  async newestSurveyYear() { return 2024; }
  async storedKeys() { return this.stored; }
  async render(layer: TileLayer, t: TileAddress, year: number | undefined): Promise<KeptTile> {
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.rendered.push(`${layer.id}/${t.z}/${t.x}/${t.y}${year ? `@${year}` : ''}`);
    return { key: tileKey(layer, t, { year, metric: undefined }), layer: layer.id, stamp: '1', etag: undefined, gzip: undefined };
  }
  async keep(tiles: readonly KeptTile[]) { this.kept.push(...tiles.map((t) => t.key)); }
  async purge(layer: TileLayer) { this.purged.push(layer.id); return 1; }
  requestsBuilding() { return this.building; }
  /** Let the render waiting now finish; resolves once one was waiting. */
  async release() {
    while (!this.waiting.length) await new Promise((r) => setTimeout(r, 5));
    this.waiting.shift()!();
  }
}

describe('TileSeeder', () => {
  it('renders both layers of every address, skips stored tiles, keeps the rest and purges older versions', async () => {
    const target = new FakeTarget();
    target.stored.add(tileKey(target.layer('boundaries'), { z: 0, x: 0, y: 0 }, { year: undefined, metric: undefined }));
    const seeder = new TileSeeder(db, target);
    seeder.schedule();
    for (let i = 0; i < 5; i++) await target.release();
    await seeder.idle();
    expect(target.rendered).toEqual(['areas/0/0/0@2024', 'areas/1/1/0@2024', 'boundaries/1/1/0', 'areas/2/3/1@2024', 'boundaries/2/3/1']);
    expect(seeder.last).toMatchObject({ total: 6, rendered: 5, skipped: 1, purged: 2 });
    expect(seeder.last?.finishedAt).toBeDefined();
    expect(target.kept).toEqual(['areas/0/0/0?2024&', 'areas/1/1/0?2024&', 'boundaries/1/1/0?&', 'areas/2/3/1?2024&', 'boundaries/2/3/1?&']);
    expect(target.purged).toEqual(['areas', 'boundaries']);
  });

  it('a newer version stops the running pass after its tile and starts again from the first tile', async () => {
    const target = new FakeTarget();
    const seeder = new TileSeeder(db, target);
    seeder.schedule();
    await target.release(); // areas/0/0/0 of the first pass
    await new Promise((r) => setTimeout(r, 20));
    seeder.schedule(); // the data changed while boundaries/0/0/0 renders
    await target.release(); // the first pass's last tile, then it stops
    const first = seeder.last;
    for (let i = 0; i < 6; i++) await target.release();
    await seeder.idle();
    expect(first?.finishedAt).toBeUndefined();
    expect(first?.rendered).toBe(2);
    expect(first?.purged).toBeUndefined();
    // only the finished second pass kept tiles: those of the first were made under replaced versions
    expect(target.kept.length).toBe(6);
    expect(seeder.last).not.toBe(first);
    expect(seeder.last).toMatchObject({ total: 6, rendered: 6 });
    expect(target.rendered.slice(0, 3)).toEqual(['areas/0/0/0@2024', 'boundaries/0/0/0', 'areas/0/0/0@2024']);
  });

  it('waits while tiles are built for requests', async () => {
    const target = new FakeTarget();
    target.building = 1;
    const seeder = new TileSeeder(db, target);
    seeder.schedule();
    await new Promise((r) => setTimeout(r, 400));
    expect(target.rendered).toEqual([]);
    target.building = 0;
    for (let i = 0; i < 6; i++) await target.release();
    await seeder.idle();
    expect(target.rendered.length).toBe(6);
  });

  it('close stops the pass after the tile being rendered', async () => {
    const target = new FakeTarget();
    const seeder = new TileSeeder(db, target);
    seeder.schedule();
    await target.release();
    await new Promise((r) => setTimeout(r, 20));
    const closed = seeder.close();
    await target.release();
    await closed;
    expect(target.rendered.length).toBe(2);
    seeder.schedule(); // ignored once closed
    await seeder.idle();
    expect(target.rendered.length).toBe(2);
  });
});
