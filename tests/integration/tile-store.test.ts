/**
 * The tile store (tiles/store.ts, table tile_store): after a seed pass, a new app on the same
 * database (a restart, another worker) serves every z0-10 areas and boundaries tile from it without
 * running a tile query — counted by TileService.renders, which a store miss increments — and seeds
 * nothing again; the stored bytes are the renderer's (the tile SQL run here by hand gives the same
 * MVT), with the ETag of the memory path; an empty tile stays a 204; a data-version bump makes the
 * stored rows unservable (the answer is the new data's) and the next pass purges them, never a row
 * of newer versions. On a scratch database with the fixture geography (province 91, lon 100-101,
 * lat 6-7) and 300 imported households of 2024.
 */
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { bumpDataVersion, refreshDerivedData } from '../../server/db/refresh.js';
import { sqlText } from '../../sql/load.js';
import { tileKey } from '../../tiles/key.js';
import type { TileAddress, VectorTileLayer } from '../../tiles/layer.js';
import { SEED_MAXZOOM } from '../../tiles/seed.js';
import { userWithToken } from '../helpers/api.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { householdFile, multipart } from '../helpers/imports.js';
import { tileOf } from '../helpers/tiles.js';

const YEAR = 2024;
const gz = { 'accept-encoding': 'gzip' };

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
/** The app that seeded the store (seeding stays on: it hears the bump of the last tests). */
let seeding: FastifyInstance;
const others: FastifyInstance[] = [];

/** Every tile of z0-SEED_MAXZOOM over the fixture square, from the Web Mercator formula (tests/helpers/tiles.ts). */
function fixtureTiles(): TileAddress[] {
  const tiles: TileAddress[] = [];
  for (let z = 0; z <= SEED_MAXZOOM; z++) {
    const nw = tileOf(100, 7, z);
    const se = tileOf(101 - 1e-9, 6 + 1e-9, z);
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) tiles.push({ z, x, y });
  }
  return tiles;
}

const url = (layer: string, t: TileAddress) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;

/** A new app on the scratch database, its memory cache empty, once its data-version listener is up. */
async function freshApp(seedTiles = false): Promise<FastifyInstance> {
  const app = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent', seedTiles });
  others.push(app);
  await app.ready();
  await vi.waitFor(() => expect(app.tiles.stamp(app.tiles.layer('areas'))).toBeDefined(), { timeout: 30_000, interval: 20 });
  return app;
}

/** The layer's tile SQL run by hand on the scratch database: the MVT bytes the renderer starts from. */
async function rawTile(app: FastifyInstance, layerId: string, t: TileAddress): Promise<Buffer> {
  const layer = app.tiles.layer(layerId) as VectorTileLayer;
  const values = layer.args(t, { year: layer.usesYear ? YEAR : undefined, metric: undefined });
  // the file's $n bindings are pg's own: run on a pooled pg connection, not through knex
  const client = (await db.client.acquireConnection()) as pg.ClientBase;
  try {
    return (await client.query<{ tile: Buffer | null }>(sqlText(`tiles/${layer.sql}`), values)).rows[0]?.tile ?? Buffer.alloc(0);
  } finally {
    await db.client.releaseConnection(client);
  }
}

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_tile_store');
  db = createDb(scratch.url, { max: 3 });
  await insertFixtureAreas(db);
  await refreshDerivedData(db, { geometry: true });
  seeding = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent', seedTiles: true });
  const { headers: admin } = await userWithToken(seeding, 'tilestore', 'admin');
  const m = multipart('households.csv', householdFile(300, YEAR).bytes);
  const r = await seeding.inject({ method: 'POST', url: '/api/imports/households', payload: m.body, headers: { ...admin, ...m.headers } });
  expect(r.statusCode, r.body).toBe(202);
  await seeding.imports.idle();
  await vi.waitFor(() => expect(seeding.tiles.defaultYear).toBe(YEAR), { timeout: 10_000, interval: 50 });
  await seeding.tiles.seeder!.idle();
}, 180_000);

afterAll(async () => {
  for (const app of others) await app.close();
  await seeding?.close();
  await db?.destroy();
  await scratch?.drop();
});

describe('the tile store', () => {
  it('holds every z0-10 areas and boundaries tile of the country under the current stamps after a seed pass', async () => {
    const pass = seeding.tiles.seeder!.last!;
    expect(pass.finishedAt).toBeDefined();
    for (const id of ['areas', 'boundaries']) {
      const layer = seeding.tiles.layer(id);
      const stamp = seeding.tiles.stamp(layer)!;
      const { rows } = await db.raw('select key from tile_store where layer = ? and stamp = ?', [id, stamp]);
      const keys = new Set((rows as Array<{ key: string }>).map((r) => r.key));
      for (const t of fixtureTiles()) expect(keys.has(tileKey(layer, t, { year: layer.usesYear ? YEAR : undefined, metric: undefined })), `${id} ${t.z}/${t.x}/${t.y}`).toBe(true);
    }
    // nothing else: the pass's tiles are the formula's, and every older stamp is gone
    const { rows: [{ n }] } = await db.raw('select count(*)::integer as n from tile_store');
    expect(pass.total).toBe(2 * fixtureTiles().length);
    expect(n).toBe(pass.total);
  });

  it('a new app on the same database serves them from the store: no tile query, no seeding again, the memory path\'s bytes and ETags', async () => {
    const tiles = fixtureTiles();
    const before = new Map<string, { status: number; etag: unknown; body: Buffer }>();
    for (const layer of ['areas', 'boundaries']) {
      for (const t of tiles) {
        const r = await seeding.inject({ url: url(layer, t), headers: gz });
        before.set(url(layer, t), { status: r.statusCode, etag: r.headers.etag, body: r.rawPayload });
      }
    }
    // the country's tiles have features (an empty one, 204, is kept too: see below)
    expect([...before.values()].filter((r) => r.status === 200).length).toBeGreaterThan(tiles.length);
    const restarted = await freshApp(true);
    await restarted.tiles.seeder!.idle();
    expect(restarted.tiles.seeder!.last).toMatchObject({ rendered: 0, skipped: seeding.tiles.seeder!.last!.total });
    expect(restarted.tiles.cache.size).toBe(0);
    for (const [path, memory] of before) {
      const r = await restarted.inject({ url: path, headers: gz });
      expect(r.statusCode, path).toBe(memory.status);
      expect(r.headers.etag, path).toBe(memory.etag);
      expect(r.rawPayload.equals(memory.body), path).toBe(true);
    }
    expect(restarted.tiles.renders).toBe(0);
    // one seeder from here on: a second one hearing the last test's bump would race the seeding
    // app to render and purge the same rows, and either could report them
    others.splice(others.indexOf(restarted), 1);
    await restarted.close();
  });

  it('stores exactly the renderer\'s bytes: the gzip of what the tile SQL returns', async () => {
    const app = others[0] ?? seeding;
    const { rows } = await db.raw('select key, gzip from tile_store where stamp = any(?)',
      [[app.tiles.stamp(app.tiles.layer('areas'))!, app.tiles.stamp(app.tiles.layer('boundaries'))!]]);
    expect(rows.length).toBe(2 * fixtureTiles().length);
    for (const { key, gzip } of rows as Array<{ key: string; gzip: Buffer | null }>) {
      const [layer, z, x, y] = key.split('?')[0].split('/');
      const raw = await rawTile(app, layer, { z: Number(z), x: Number(x), y: Number(y) });
      // an empty tile is kept as no bytes (answered 204)
      expect(gzip === null ? raw.length === 0 : zlib.gunzipSync(gzip).equals(raw), key).toBe(true);
    }
  });

  it('an empty tile kept in the store is still answered 204, without a tile query', async () => {
    const app = await freshApp();
    const layer = app.tiles.layer('boundaries');
    const ocean = { z: 5, x: 0, y: 0 };
    expect((await rawTile(app, 'boundaries', ocean)).length).toBe(0);
    const { key, tile } = await app.tiles.tile(layer, ocean, { year: undefined, metric: undefined });
    expect(tile.etag).toBeUndefined();
    await app.tiles.store.put([{ key, layer: layer.id, stamp: tile.stamp, etag: tile.etag, gzip: tile.gzip }]);
    const stored = await db('tile_store').where({ key, stamp: tile.stamp }).first();
    expect(stored).toMatchObject({ etag: null, gzip: null });
    const other = await freshApp();
    const r = await other.inject({ url: url('boundaries', ocean), headers: gz });
    expect(r.statusCode).toBe(204);
    expect(r.rawPayload.length).toBe(0);
    expect(other.tiles.renders).toBe(0);
  });

  it('a data-version bump makes the stored rows unservable, and the next pass purges them (never newer stamps)', async () => {
    const app = await freshApp();
    const areas = app.tiles.layer('areas');
    const boundaries = app.tiles.layer('boundaries');
    const t = tileOf(100.5, 6.5, 8);
    const oldStamp = app.tiles.stamp(areas)!;
    const boundariesStamp = app.tiles.stamp(boundaries)!;
    const old = await app.inject({ url: url('areas', t), headers: gz });
    expect(old.statusCode).toBe(200);
    expect(app.tiles.renders).toBe(0);
    // a row under versions newer than any this test reaches: a worker behind must never purge it
    const newer = oldStamp.split('.').map((v) => String(Number(v) + 1000)).join('.');
    await db('tile_store').insert({ key: 'areas/0/0/0?2024&', stamp: newer, layer: 'areas', etag: null, gzip: null });

    // the data changes (the areas renamed: the features' names are in the tile) and the version moves
    await db.raw("update admin_area set name_en = 'Renamed ' || code where code like '91%'");
    await bumpDataVersion(db, 'households');
    await vi.waitFor(() => expect(app.tiles.stamp(areas)).not.toBe(oldStamp), { timeout: 30_000, interval: 20 });
    const fresh = await app.inject({ url: url('areas', t), headers: gz });
    expect(fresh.statusCode).toBe(200);
    expect(app.tiles.renders).toBe(1);
    const raw = await rawTile(app, 'areas', t);
    expect(zlib.gunzipSync(fresh.rawPayload).equals(raw)).toBe(true);
    expect(raw.includes(Buffer.from('Renamed '))).toBe(true);
    expect(fresh.headers.etag).not.toBe(old.headers.etag);

    // the seeding app hears the bump too: its pass renders the areas tiles again, skips the boundaries, then purges
    await vi.waitFor(() => expect(seeding.tiles.stamp(areas)).toBe(app.tiles.stamp(areas)), { timeout: 30_000, interval: 20 });
    await seeding.tiles.seeder!.idle();
    const pass = seeding.tiles.seeder!.last!;
    expect(pass.finishedAt).toBeDefined();
    expect(pass.rendered).toBe(fixtureTiles().length);
    const count = async (where: string, values: string[]) => (await db.raw(`select count(*)::integer as n from tile_store where ${where}`, values)).rows[0].n;
    expect(await count('layer = ? and stamp = ?', ['areas', oldStamp])).toBe(0);
    expect(await count('layer = ? and stamp = ?', ['areas', app.tiles.stamp(areas)!])).toBe(fixtureTiles().length);
    expect(await count('layer = ? and stamp = ?', ['areas', newer])).toBe(1);
    expect(await count('layer = ? and stamp = ?', ['boundaries', boundariesStamp])).toBeGreaterThanOrEqual(fixtureTiles().length);
    expect(pass.purged).toBe(fixtureTiles().length);
  });
});
