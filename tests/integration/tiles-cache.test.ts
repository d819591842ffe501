/**
 * The tile cache: ETag / 304, compression stored once, invalidation when data_version moves, and the
 * raw fast path (a real listening server) answering exactly what the Fastify route answers.
 * Tests that change data put it back and bump the version again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/knex.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { httpGet } from '../helpers/http-get.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';
import { withAppAndDb } from '../helpers/api.js';
import { serveFromCache } from '../../tiles/fast-path.js';

let app: FastifyInstance;
let db: Db;

withAppAndDb((a, d) => {
  app = a;
  db = d;
}, 'warn');

const gz = { 'accept-encoding': 'gzip' };

describe('ETag and 304', () => {
  it('answers 304 to a matching If-None-Match and 200 otherwise', async () => {
    const url = '/tiles/areas/6/50/29.mvt?year=2022';
    const first = await app.inject({ url, headers: gz });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(first.headers.vary).toBe('Accept-Encoding');
    const again = await app.inject({ url, headers: { ...gz, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const other = await app.inject({ url, headers: { ...gz, 'if-none-match': 'W/"something-else"' } });
    expect(other.statusCode).toBe(200);
  });

  it('serves brotli when asked, made once and kept, with the same ETag', async () => {
    const url = '/tiles/areas/6/50/29.mvt?year=2022';
    const g = await app.inject({ url, headers: gz });
    const b1 = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    const b2 = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(b1.headers['content-encoding']).toBe('br');
    expect(b1.rawPayload.equals(b2.rawPayload)).toBe(true);
    expect(b1.headers.etag).toBe(g.headers.etag);
    expect(features(decodeTile(b1.rawPayload, 'br'), 'areas')).toEqual(features(decodeTile(g.rawPayload, 'gzip'), 'areas'));
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(features(decodeTile(plain.rawPayload), 'areas').length).toBeGreaterThan(0);
  });

  it('keys the cache on the year', async () => {
    const a = await app.inject({ url: '/tiles/areas/6/50/29.mvt?year=2022', headers: gz });
    const b = await app.inject({ url: '/tiles/areas/6/50/29.mvt?year=2023', headers: gz });
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });
});

describe('invalidation', () => {
  it('serves the new name after an admin_area change bumps data_version areas', async () => {
    const { rows } = await db.raw("select code, name_en, st_x(label_point) lon, st_y(label_point) lat from admin_area where code = '50'");
    const province = rows[0];
    const t = tileOf(province.lon, province.lat, 5);
    const url = `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt`;
    const nameIn = async () => features(decodeTile((await app.inject({ url, headers: gz })).rawPayload, 'gzip'), 'areas')
      .find((f) => f.properties.code === '50')!.properties.name_en;
    expect(await nameIn()).toBe(province.name_en);
    const etagBefore = (await app.inject({ url, headers: gz })).headers.etag;
    const rename = async (name: string) => db.transaction(async (trx) => {
      await trx('admin_area').where({ code: '50' }).update({ name_en: name });
      await trx.raw("select povmap.bump_data_version('areas')");
    });
    try {
      await rename('Chiang Mai (renamed in a test)');
      await vi.waitFor(async () => expect(await nameIn()).toBe('Chiang Mai (renamed in a test)'), { timeout: 5000, interval: 50 });
      const stale = await app.inject({ url, headers: { ...gz, 'if-none-match': etagBefore } });
      expect(stale.statusCode).toBe(200);
    } finally {
      await rename(province.name_en);
    }
    await vi.waitFor(async () => expect(await nameIn()).toBe(province.name_en), { timeout: 5000, interval: 50 });
  });

  it('serves the new capacity after a service change bumps data_version services', async () => {
    const s = await db('service_point').where({ kind: 'hospital' }).orderBy('id').first('id', 'capacity', db.raw('st_x(geom) lon'), db.raw('st_y(geom) lat'));
    const t = tileOf(s.lon, s.lat, 12);
    const url = `/tiles/services/${t.z}/${t.x}/${t.y}.mvt`;
    const capacityIn = async () => features(decodeTile((await app.inject({ url, headers: gz })).rawPayload, 'gzip'), 'services')
      .find((f) => f.id === s.id)!.properties.capacity;
    expect(await capacityIn()).toBe(s.capacity);
    const setCapacity = async (capacity: number) => db.transaction(async (trx) => {
      await trx('service_point').where({ id: s.id }).update({ capacity });
      await trx.raw("select povmap.bump_data_version('services')");
    });
    try {
      await setCapacity(s.capacity + 1234);
      await vi.waitFor(async () => expect(await capacityIn()).toBe(s.capacity + 1234), { timeout: 5000, interval: 50 });
    } finally {
      await setCapacity(s.capacity);
    }
    await vi.waitFor(async () => expect(await capacityIn()).toBe(s.capacity), { timeout: 5000, interval: 50 });
  });
});

describe('rollup refresh', () => {
  it('retires cached areas tiles when data_version households moves (what a rollup refresh bumps)', async () => {
    const layer = app.tiles.layer('areas');
    const address = { z: 6, x: 50, y: 29 };
    const query = await app.tiles.resolveQuery(layer, { year: 2022 });
    const { key, tile } = await app.tiles.tile(layer, address, query);
    expect(app.tiles.cached(key, layer)).toBe(tile);
    await db.raw("select povmap.bump_data_version('households')");
    await vi.waitFor(() => expect(app.tiles.cached(key, layer)).toBeUndefined(), { timeout: 5000, interval: 20 });
    const again = await app.tiles.tile(layer, address, query);
    expect(again.tile).not.toBe(tile);
    expect(again.tile.etag).toBe(tile.etag); // same data, same bytes
    expect(app.tiles.cached(key, layer)).toBe(again.tile);
  });
});

describe('raw fast path on a listening server', () => {
  it('answers a warm tile exactly as the route does, and still refuses bad input', async () => {
    const server = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'warn' });
    try {
      await server.listen({ port: 0, host: '127.0.0.1' });
      const port = (server.server.address() as AddressInfo).port;
      const path = '/tiles/areas/7/101/58.mvt';
      const cold = await httpGet(port, path, gz);
      expect(server.tiles.cache.size).toBe(1);
      const warm = await httpGet(port, path, gz);
      expect(warm.status).toBe(200);
      expect(warm.body.equals(cold.body)).toBe(true);
      for (const h of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary', 'content-length']) expect(warm.headers[h], h).toBe(cold.headers[h]);
      const notModified = await httpGet(port, path, { ...gz, 'if-none-match': cold.headers.etag as string });
      expect(notModified.status).toBe(304);
      const explicitYear = await httpGet(port, `${path}?year=${server.tiles.defaultYear}`, gz);
      expect(explicitYear.body.equals(cold.body)).toBe(true);
      expect(server.tiles.cache.size).toBe(1);
      expect((await httpGet(port, `${path}?year=2022&year=2023`)).status).toBe(400);
      expect((await httpGet(port, `${path}?bogus=1`)).status).toBe(400);
      expect((await httpGet(port, '/tiles/areas/99/0/0.mvt')).status).toBe(400);

      // the same answers come from the fast path itself, before Fastify: it reads the request's raw
      // header list (names in any case), not the header object
      const answer = (url: string, rawHeaders: string[]) => {
        const written: { status?: number; headers?: string[]; body?: Buffer } = {};
        const res = {
          writeHead(status: number, headers: string[]) { Object.assign(written, { status, headers }); return res; },
          end(body?: Buffer) { written.body = body; },
        };
        const served = serveFromCache(server.tiles, { method: 'GET', url, rawHeaders } as unknown as IncomingMessage, res as unknown as ServerResponse);
        const headers = new Map<string, string>();
        for (let i = 0; written.headers && i < written.headers.length; i += 2) headers.set(written.headers[i].toLowerCase(), written.headers[i + 1]);
        return { served, status: written.status, headers, body: written.body };
      };
      const fast = answer(path, ['Host', 'x', 'ACCEPT-ENCODING', 'br;q=0, gzip']);
      expect(fast.served).toBe(true);
      expect(fast.status).toBe(200);
      expect(fast.headers.get('content-encoding')).toBe('gzip');
      expect(fast.body?.equals(cold.body)).toBe(true);
      const fast304 = answer(path, ['accept-encoding', 'gzip', 'If-None-Match', cold.headers.etag as string]);
      expect([fast304.served, fast304.status]).toEqual([true, 304]);
      expect(answer(path, ['accept-encoding', 'gzip', 'if-none-match', 'W/"other"']).status).toBe(200);
      // no Accept-Encoding: the plain bytes are not kept, so Fastify's route unzips them
      expect(answer(path, ['Host', 'x']).served).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('concurrent requests for one cold tile', () => {
  it('share one build: eight at once build it once, and all get the same tile', async () => {
    // TileService.renders counts tile statements run (a cache or store hit does not count)
    const renders = app.tiles.renders;
    const url = '/tiles/areas/8/200/114.mvt?year=2022'; // asked nowhere else in this file: cold
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.inject({ url, headers: gz })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
    expect(new Set(answers.map((a) => a.rawPayload.toString('base64'))).size).toBe(1);
    expect(app.tiles.renders - renders).toBe(1);
    // later requests come from the cache
    await app.inject({ url, headers: gz });
    expect(app.tiles.renders - renders).toBe(1);
    // a different tile (or year) is a build of its own, even when asked at the same time
    await Promise.all([
      app.inject({ url: '/tiles/areas/8/201/114.mvt?year=2022', headers: gz }),
      app.inject({ url: '/tiles/areas/8/201/114.mvt?year=2023', headers: gz }),
      app.inject({ url: '/tiles/areas/8/201/114.mvt?year=2022', headers: gz }),
    ]);
    expect(app.tiles.renders - renders).toBe(3);
  });
});
