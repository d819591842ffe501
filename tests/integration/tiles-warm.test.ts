/**
 * A cache hit makes no database query, for every kind of tile: once a vector (MVT) and a raster
 * (night-light PNG) tile are warm, they, their 304 revalidations, their default-year URLs and the
 * TileJSON of their layers are answered without borrowing a single pooled connection — through the
 * Fastify routes (inject) and through the raw fast path of a listening server.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { httpGet } from '../helpers/http-get.js';
import { tileOf } from '../helpers/tiles.js';

const bangkok = (z: number) => tileOf(100.52, 13.75, z);
const mvt = (() => { const t = bangkok(7); return `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`; })();
const png = (() => { const t = bangkok(6); return `/tiles/nightlight/2023/${t.z}/${t.x}/${t.y}.png`; })();
const pngByQuery = (() => { const t = bangkok(6); return `/tiles/nightlight/${t.z}/${t.x}/${t.y}.png?year=2023`; })();
const gz = { 'accept-encoding': 'gzip' };

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // The cache is on once the data-version listener is up.
  await vi.waitFor(() => expect(app.tiles.stamp(app.tiles.layer('nightlight'))).toBeDefined(), { timeout: 5000, interval: 20 });
});
afterAll(async () => {
  await app.close();
});

function get(path: string, headers: Record<string, string> = {}) {
  return httpGet((app.server.address() as AddressInfo).port, path, headers);
}

/** Counts every connection borrowed from the app's pool (knex queries and tile statements alike) while `work` runs. */
async function connectionsBorrowed(work: () => Promise<void>): Promise<number> {
  const acquire = vi.spyOn(app.db.client, 'acquireConnection');
  try {
    await work();
    return acquire.mock.calls.length;
  } finally {
    acquire.mockRestore();
  }
}

describe('warm tiles make no database query', () => {
  it('answers warm MVT and PNG tiles, 304s and TileJSON through the routes without a connection', async () => {
    const coldMvt = await app.inject({ url: mvt, headers: gz });
    const coldPng = await app.inject({ url: png });
    expect(coldMvt.statusCode).toBe(200);
    expect(coldPng.statusCode).toBe(200);
    expect(coldPng.headers['content-type']).toBe('image/png');
    await app.inject('/tiles/areas.json');
    await app.inject('/tiles/nightlight.json?year=2023');

    const borrowed = await connectionsBorrowed(async () => {
      const warmMvt = await app.inject({ url: mvt, headers: gz });
      expect(warmMvt.statusCode).toBe(200);
      expect(warmMvt.rawPayload.equals(coldMvt.rawPayload)).toBe(true);
      expect((await app.inject({ url: `${mvt}?year=2023`, headers: gz })).headers.etag).toBe(coldMvt.headers.etag);
      expect((await app.inject({ url: mvt, headers: { ...gz, 'if-none-match': String(coldMvt.headers.etag) } })).statusCode).toBe(304);
      const warmPng = await app.inject({ url: png });
      expect(warmPng.statusCode).toBe(200);
      expect(warmPng.rawPayload.equals(coldPng.rawPayload)).toBe(true);
      expect(warmPng.headers.etag).toBe(coldPng.headers.etag);
      expect((await app.inject({ url: pngByQuery })).rawPayload.equals(coldPng.rawPayload)).toBe(true);
      expect((await app.inject({ url: png, headers: { 'if-none-match': String(coldPng.headers.etag) } })).statusCode).toBe(304);
      expect((await app.inject('/tiles/areas.json')).statusCode).toBe(200);
      expect((await app.inject('/tiles/nightlight.json?year=2023')).json().years).toEqual([2022, 2023]);
    });
    expect(borrowed).toBe(0);
  });

  it('answers warm MVT and PNG tiles on the raw fast path, with the route\'s headers, without a connection', async () => {
    const coldPng = await get(png);
    const coldMvt = await get(mvt, gz);
    const borrowed = await connectionsBorrowed(async () => {
      for (const [url, cold, headers] of [[png, coldPng, {}], [pngByQuery, coldPng, {}], [mvt, coldMvt, gz]] as const) {
        const warm = await get(url, headers);
        expect(warm.status, url).toBe(200);
        expect(warm.body.equals(cold.body), url).toBe(true);
        for (const h of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary', 'content-length']) expect(warm.headers[h], `${url} ${h}`).toBe(cold.headers[h]);
      }
      expect((await get(png, { 'if-none-match': String(coldPng.headers.etag) })).status).toBe(304);
    });
    expect(borrowed).toBe(0);
    expect(coldPng.headers['content-type']).toBe('image/png');
    expect(coldPng.headers['cache-control']).toBe('public, no-cache');
    expect(coldPng.headers.etag).toMatch(/^W\/".+"$/);
  });
});
