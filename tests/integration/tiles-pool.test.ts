/**
 * Tiles run on a pool of their own whose connections keep the tiles' statement time-out
 * (server/app.ts): a tile statement over it is stopped and answered 503 with Retry-After, while API
 * requests of the same app, on the other pool, keep their own time-out; and a tile after an API
 * request is still bounded (the tiles' connections never took another class's setting).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { testDatabaseUrl } from '../helpers/database.js';

let app: FastifyInstance;
beforeAll(async () => {
  // 1 ms: no province tile of the country is made that fast
  app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent', statementTimeoutMs: { tiles: 1 } });
});
afterAll(async () => {
  await app?.close();
});

const coldTile = async (url: string) => {
  app.tiles.cache.clear();
  return app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
};

describe('the tiles pool', () => {
  it('stops a tile statement over the tiles time-out: 503 problem with Retry-After, no SQL', async () => {
    const res = await coldTile('/tiles/areas/5/25/14.mvt');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toMatch(/^[0-9]+$/);
    expect(res.body).not.toMatch(/select|st_asmvt/i);
    // the same tile under the tiles' own time-out is made
    const normal = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent' });
    try {
      const made = await normal.inject({ url: '/tiles/areas/5/25/14.mvt', headers: { 'accept-encoding': 'gzip' } });
      expect(made.statusCode).toBe(200);
    } finally {
      await normal.close();
    }
  });

  it('leaves API requests their own time-out, and tiles theirs after them', async () => {
    const api = await app.inject('/api/areas/TH');
    expect(api.statusCode, api.body).toBe(200);
    expect((await coldTile('/tiles/areas/5/25/14.mvt')).statusCode).toBe(503);
  });
});
