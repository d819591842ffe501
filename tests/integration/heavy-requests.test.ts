/**
 * Issue 16, item 2: heavy requests neither stall the server nor outlive their client.
 * - While 4 heavy requests run (village hotspots with new seeds, so nothing is cached, and custom
 *   catchments at their level's limit), sequential /health requests over the real port for as long
 *   as they run never stall: p99 under 500 ms. The goal is 100 ms; a test on a shared 2-core machine
 *   cannot promise that line without flaking (measured here at load 8: p99 55 ms, max 1.05 s), so it guards
 *   against the stall the issue found (/health took 6.3 s while a hotspot computed on the event
 *   loop) and prints the figure; the soak bench records it, idle and under the same load.
 * - A client that goes away takes its running statement with it (pg_stat_activity), a streaming
 *   CSV export's COPY included.
 * - A statement over its route class's time-out is a 503 problem with Retry-After naming the limit.
 * - Custom catchments beyond their documented limit are a 400 naming catchment_km.
 * Timing bounds are generous on purpose (the machine is shared); the measured p99 is printed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCHMENT_LIMIT_KM } from '../../server/access/on-request.js';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/knex.js';
import { deleteUsers, userWithToken } from '../helpers/api.js';
import { testDatabaseUrl, testDb } from '../helpers/database.js';

const PREFIX = 'heavyreq';
/** The documented largest custom catchment per level (README, "Time budgets"). */
const LIMIT = CATCHMENT_LIMIT_KM as { province: number; district: number; subdistrict: number; village: number };

let app: FastifyInstance;
let port: number;
let db: Db;
/** A province (the one with the most villages) and one of its districts, for custom catchments. */
let province: string;
let district: string;

function get(path: string, timeoutMs?: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Statements of the server's pool running now whose text contains `marker`. */
async function running(marker: string): Promise<number> {
  const { rows } = await db.raw(
    `select count(*) as n from pg_stat_activity where application_name = 'povmap' and state = 'active' and position(? in query) > 0`,
    [marker]);
  return Number(rows[0].n);
}

beforeAll(async () => {
  db = testDb();
  app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  const [p] = (await db.raw(`select province_code as code from admin_area where level = 'village' group by 1 order by count(*) desc limit 1`)).rows;
  province = p.code;
  const [d] = (await db.raw(`select district_code as code from admin_area where level = 'village' and province_code = ? group by 1 order by count(*) desc limit 1`, [province])).rows;
  district = d.code;
}, 60_000);

afterAll(async () => {
  if (app) await deleteUsers(app, PREFIX);
  await app?.close();
  await db?.destroy();
});

describe('heavy requests', () => {
  it('/health does not stall (p99 under 500 ms; goal 100 ms) while 4 heavy requests run', async () => {
    const seed = 1 + (Date.now() % 1_000_000_000);
    const heavy = [
      `/api/hotspots?level=village&seed=${seed}`,
      `/api/hotspots?level=village&seed=${seed + 1}&weights=knn`,
      `/api/areas/${province}/access?catchment_km=${LIMIT.province}`,
      `/api/areas/${district}/access?catchment_km=${LIMIT.district}&km=3,7`,
    ].map((path) => get(path));
    let settled = false;
    void Promise.allSettled(heavy).then(() => { settled = true; });
    await sleep(300); // let them start
    // /health one after another for as long as the heavy requests run (at least 50)
    const times: number[] = [];
    while (times.length < 50 || !settled) {
      const res = await get('/health');
      expect(res.status).toBe(200);
      times.push(res.ms);
    }
    const answers = await Promise.all(heavy);
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    console.log(`/health under 4 heavy requests: ${times.length} requests, median ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, `
      + `max ${times[times.length - 1].toFixed(1)} ms; heavy: ${answers.map((a) => `${a.status} in ${(a.ms / 1000).toFixed(1)} s`).join(', ')}`);
    // Generous: the goal is 100 ms (the soak bench records the figure); on 2 cores shared with other
    // work, the event loop still waits for the CPU behind PostgreSQL and the garbage collector. This
    // guards against the stall the issue found (/health 6.3 s while a hotspot computed on the loop).
    expect(q(0.99)).toBeLessThan(500);
    // heavy requests either answer or refuse for capacity; never a 500
    for (const a of answers) expect([200, 503]).toContain(a.status);
  }, 180_000);

  it('cancels the running statement when the client goes away', async () => {
    // a custom catchment is computed on request in PostgreSQL (sql/api/area_access_2sfca.sql)
    const request = http.get({ host: '127.0.0.1', port, path: `/api/areas/${province}/access?catchment_km=${LIMIT.province - 0.5}`, agent: false });
    request.on('error', () => undefined);
    let seen = false;
    for (let i = 0; i < 100 && !seen; i++) {
      seen = (await running('area_village')) > 0;
      if (!seen) await sleep(20);
    }
    expect(seen).toBe(true);
    request.destroy(); // the client leaves
    const left = performance.now();
    let gone = false;
    while (!gone && performance.now() - left < 5000) {
      gone = (await running('area_village')) === 0;
      if (!gone) await sleep(50);
    }
    console.log(`statement gone ${(performance.now() - left).toFixed(0)} ms after the client left`);
    expect(gone).toBe(true);
  }, 60_000);

  it('answers a statement over its time budget with 503, Retry-After and the limit, no SQL', async () => {
    const quick = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent', statementTimeoutMs: { analysis: 1 } });
    try {
      const res = await quick.inject(`/api/areas/${province}/access?catchment_km=${LIMIT.province - 2}`);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toMatch(/^[0-9]+$/);
      expect(res.json()).toMatchObject({ status: 503, budget: 'analysis', limit_ms: 1 });
      expect(res.body).not.toMatch(/select|area_village|statement_timeout|canceling/i);
    } finally {
      await quick.close();
    }
  }, 60_000);

  it('refuses custom catchments beyond the documented limit with a 400 naming catchment_km', async () => {
    for (const path of ['/api/areas/TH/access?catchment_km=100', '/api/areas/TH/access?catchment_km=11',
      `/api/areas/${province}/access?catchment_km=${LIMIT.province + 1}`, `/api/areas/${district}/access?catchment_km=${LIMIT.district + 0.5}`]) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.json()).toMatchObject({ parameter: 'catchment_km' });
    }
    const precomputed = await app.inject('/api/areas/TH/access?catchment_km=10');
    expect(precomputed.statusCode).toBe(200);
  });

  it('a finished answer is not cancelled afterwards, and a cancel never reaches the next request', async () => {
    // Regression: the cancel ran whenever the response closed before the socket drained (always, for
    // app.inject), and its pg_cancel_backend reached the connection after it was back in the pool,
    // stopping the next request's statement (a CSV export that followed a finished one was a 500).
    const { headers } = await userWithToken(app, PREFIX, 'admin');
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ url: `/api/households.csv?province=${province}`, headers });
      expect(res.statusCode).toBe(200);
      expect(res.body.split('\n').length).toBeGreaterThan(1000);
    }
    // a client leaving mid-export: its COPY stops; requests after it are untouched
    const leaving = http.get({ host: '127.0.0.1', port, path: '/api/households.csv', headers, agent: false });
    leaving.on('error', () => undefined);
    await new Promise<void>((resolve) => leaving.once('response', (res) => { res.once('data', () => resolve()); }));
    leaving.destroy();
    // the export has no statement time-out, but its COPY stops when its client leaves (a cancel alone
    // does not reach a backend blocked sending rows nobody reads: server/households/csv.ts closes it)
    const left = performance.now();
    while ((await running('COPY (select')) > 0 && performance.now() - left < 5000) await sleep(50);
    console.log(`export's COPY gone ${(performance.now() - left).toFixed(0)} ms after the client left`);
    expect(await running('COPY (select')).toBe(0);
    // (exports are limited to 10 a minute per user: 3 + 1 + 5)
    for (let i = 0; i < 5; i++) {
      const res = await get(`/api/areas/${province}/children?mode=tpmap`);
      expect(res.status).toBe(200);
      const csv = await app.inject({ url: `/api/households.csv?district=${district}`, headers });
      expect(csv.statusCode).toBe(200);
    }
  }, 120_000);
});
