/**
 * Tile URLs that carry the data version (tiles/cdn-headers.ts): TileJSON lists its tile URLs with
 * `v` = the layer's data-version stamp; a tile asked for with the current `v` may be kept for good
 * by a cache in front (immutable), with an old `v` only briefly, and without `v` it must be
 * revalidated as before. The same headers come from the Fastify route and the raw fast path.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/knex.js';
import { IMMUTABLE, SHORT_LIVED } from '../../tiles/cdn-headers.js';
import { TILE_CACHE_CONTROL } from '../../tiles/response.js';
import { withAppAndDb } from '../helpers/api.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { httpGet } from '../helpers/http-get.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

const gz = { 'accept-encoding': 'gzip' };
/** The tile z/x/y of a TileJSON template. */
const at = (template: string, z: number, x: number, y: number) => template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));

describe('versioned tile URLs', () => {
  it('TileJSON lists tile URLs with the current data version, and those tiles are immutable', async () => {
    const layer = app.tiles.layer('areas');
    const tj = await app.inject({ url: '/tiles/areas.json?year=2022' });
    expect(tj.statusCode).toBe(200);
    expect(tj.headers['cache-control']).toBe('no-cache');
    const stamp = app.tiles.stamp(layer)!;
    expect(stamp).toMatch(/^[0-9]+(\.[0-9]+)*$/);
    const template = tj.json().tiles[0] as string;
    expect(template).toBe(`/tiles/areas/{z}/{x}/{y}.mvt?year=2022&v=${stamp}`);
    const tile = await app.inject({ url: at(template, 6, 50, 29), headers: gz });
    expect(tile.statusCode).toBe(200);
    expect(tile.headers['cache-control']).toBe(IMMUTABLE);
    // the same tile without v, or with a version that is not current
    const plain = await app.inject({ url: '/tiles/areas/6/50/29.mvt?year=2022', headers: gz });
    expect(plain.headers['cache-control']).toBe(TILE_CACHE_CONTROL);
    expect(plain.headers.etag).toBe(tile.headers.etag);
    const old = await app.inject({ url: `/tiles/areas/6/50/29.mvt?year=2022&v=0${stamp}1`, headers: gz });
    expect(old.headers['cache-control']).toBe(SHORT_LIVED);
    // an empty tile (204) carries the same rule
    const empty = await app.inject({ url: `/tiles/areas/6/0/0.mvt?year=2022&v=${stamp}`, headers: gz });
    expect(empty.statusCode).toBe(204);
    expect(empty.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('a TileJSON asked for with the current version is immutable too; the night-light URLs carry it', async () => {
    const stamp = app.tiles.stamp(app.tiles.layer('areas'));
    const tj = await app.inject({ url: `/tiles/areas.json?year=2022&v=${stamp}` });
    expect(tj.headers['cache-control']).toBe(IMMUTABLE);
    const night = await app.inject({ url: '/tiles/nightlight.json' });
    const nstamp = app.tiles.stamp(app.tiles.layer('nightlight'));
    const template = night.json().tiles[0] as string;
    expect(template).toMatch(new RegExp(`^/tiles/nightlight/[0-9]{4}/\\{z\\}/\\{x\\}/\\{y\\}\\.png\\?v=${nstamp!.replace(/\./g, '\\.')}$`));
    const png = await app.inject({ url: at(template, 5, 25, 14) });
    expect([200, 204]).toContain(png.statusCode);
    expect(png.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('after a data change the old URLs are short-lived and TileJSON names the new version', async () => {
    const layer = app.tiles.layer('areas');
    const before = app.tiles.stamp(layer)!;
    await db.raw("select povmap.bump_data_version('households')");
    await vi.waitFor(() => expect(app.tiles.stamp(layer)).not.toBe(before), { timeout: 5000, interval: 20 });
    const after = app.tiles.stamp(layer)!;
    expect((await app.inject({ url: `/tiles/areas/6/50/29.mvt?year=2022&v=${before}`, headers: gz })).headers['cache-control']).toBe(SHORT_LIVED);
    expect((await app.inject({ url: `/tiles/areas/6/50/29.mvt?year=2022&v=${after}`, headers: gz })).headers['cache-control']).toBe(IMMUTABLE);
    expect((await app.inject({ url: '/tiles/areas.json?year=2022' })).json().tiles[0]).toContain(`v=${after}`);
  });

  it('refuses a malformed v naming it', async () => {
    const r = await app.inject({ url: '/tiles/areas/6/50/29.mvt?v=abc' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toContain('v');
  });

  it('the raw fast path answers a warm versioned tile with the same headers as the route', async () => {
    const server = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'warn' });
    try {
      await server.listen({ port: 0, host: '127.0.0.1' });
      const port = (server.server.address() as AddressInfo).port;
      const stamp = server.tiles.stamp(server.tiles.layer('areas'));
      const path = `/tiles/areas/7/101/58.mvt?year=2022&v=${stamp}`;
      const cold = await httpGet(port, path, gz);
      const warm = await httpGet(port, path, gz);
      expect(server.tiles.cache.size).toBe(1);
      expect(cold.headers['cache-control']).toBe(IMMUTABLE);
      expect(warm.headers['cache-control']).toBe(IMMUTABLE);
      const unversioned = await httpGet(port, '/tiles/areas/7/101/58.mvt?year=2022', gz);
      expect(unversioned.headers['cache-control']).toBe(TILE_CACHE_CONTROL);
      const stale = await httpGet(port, `/tiles/areas/7/101/58.mvt?year=2022&v=0${stamp}1`, gz);
      expect(stale.headers['cache-control']).toBe(SHORT_LIVED);
      expect(stale.body.equals(warm.body)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
