/** With its database unreachable the server still starts; tiles answer 503 problems, not 500. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { withDatabase } from '../../server/db/knex.js';
import { testDatabaseUrl } from '../helpers/database.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ databaseUrl: withDatabase(testDatabaseUrl(), 'povmap_no_such_database'), logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
});

describe('tiles without a database', () => {
  it('still lists the layers and checks input', async () => {
    expect((await app.inject('/tiles')).statusCode).toBe(200);
    expect((await app.inject('/tiles/areas/99/0/0.mvt')).statusCode).toBe(400);
  });

  it.each(['/tiles/areas/5/25/14.mvt', '/tiles/services/9/400/230.mvt', '/tiles/areas.json'])('%s → 503 problem', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toMatch(/tile database is unavailable/);
  });
});
