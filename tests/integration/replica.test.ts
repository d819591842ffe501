/**
 * Reads from a real streaming replica (`npm test` makes one of the private cluster with
 * pg_basebackup -R; server/db/replica-cluster.ts). A scratch database with the fixture geography is
 * made on the primary and reaches the replica by replication like everything else. The app gets the
 * primary and the replica; the replica's replay is paused (pg_wal_replay_pause) to tell which of the
 * two answered: a change it has not replayed is invisible from it.
 *  - reads go to the replica, writes to the primary, and a caller who just wrote reads from the primary;
 *  - an import on the primary reaches the replica, its tiles show it, and while the replica has not
 *    replayed the import's data version no read goes to it (no old tile cached under the new version);
 *  - a stopped replica is survived: reads fall back to the primary and /health says so.
 * Skipped only when DATABASE_URL names an external server (no replica is made for it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { clusterFor } from '../../server/db/cluster.js';
import { databaseName, withDatabase } from '../../server/db/connection-string.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { ensureDerivedData } from '../../server/db/refresh.js';
import { replicaFor, startReplica, stopReplica } from '../../server/db/replica-cluster.js';
import { userWithToken } from '../helpers/api.js';
import { insertFixtureAreas, scratchDatabase, testReplicaUrl } from '../helpers/database.js';
import { householdFile, multipart } from '../helpers/imports.js';
import { decodeTile, features, tileOf } from '../helpers/tiles.js';

const replicaBase = testReplicaUrl();

describe.skipIf(!replicaBase)('reads from a streaming replica', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: FastifyInstance;
  let primary: Db;
  let replica: Db;
  let admin: Record<string, string>;
  const spool = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-replica-test-'));
  const file = householdFile(100, 2024);

  const health = async () => (await app.inject({ method: 'GET', url: '/health' })).json();
  const replicaStatus = async () => (await health()).replicas?.[0]?.status;
  const search = async (q: string, headers: Record<string, string> = {}) =>
    (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}`, headers })).json().items.map((i: { code: string }) => i.code);
  const pauseReplay = () => replica.raw('select pg_wal_replay_pause()');
  const resumeReplay = () => replica.raw('select pg_wal_replay_resume()');

  beforeAll(async () => {
    scratch = await scratchDatabase('povmap_replica');
    primary = createDb(scratch.url, { max: 2 });
    await insertFixtureAreas(primary);
    await ensureDerivedData(primary);
    replica = createDb(withDatabase(replicaBase!, databaseName(scratch.url)), { max: 2 });
    // the new database and its rows reach the replica by replication
    await vi.waitFor(async () => expect((await replica('admin_area').count({ n: '*' }))[0].n).toBe(5), { timeout: 60_000, interval: 200 });
    app = await buildApp({ databaseUrl: scratch.url, replicaUrls: [withDatabase(replicaBase!, databaseName(scratch.url))], logLevel: 'silent', importSpoolDir: path.join(spool, 'spool') });
    ({ headers: admin } = await userWithToken(app, 'replica', 'admin'));
    await vi.waitFor(async () => expect(await replicaStatus()).toBe('ok'), { timeout: 30_000, interval: 100 });
  });

  afterAll(async () => {
    await replica?.raw('select pg_wal_replay_resume()').catch(() => undefined);
    await app?.close();
    await replica?.destroy();
    await primary?.destroy();
    await scratch?.drop();
    fs.rmSync(spool, { recursive: true, force: true });
  });

  it('reports the replica in /health', async () => {
    const body = await health();
    expect(body).toMatchObject({ status: 'ok', db: 'ok', replicas: [{ name: 'replica 1', status: 'ok', lag_bytes: expect.any(Number) }] });
  });

  it('reads from the replica, and from the primary for a caller who just wrote', async () => {
    await pauseReplay();
    try {
      // a change the paused replica has not seen (a name, which no data version covers)
      await primary('admin_area').where({ code: '91010102' }).update({ name_en: 'Replicaprobe' });
      expect(await primary('admin_area').where('name_en', 'Replicaprobe').pluck('code')).toEqual(['91010102']);
      expect(await search('Replicaprobe')).toEqual([]);
      // a write by this caller (signing in makes a session) answers with the primary's WAL position …
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: (await primary('app_user').first('username')).username, password: 'correct horse battery' } });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      expect(cookie).toMatch(/^povmap_wrote=[0-9A-F]+\/[0-9A-F]+$/);
      // … and the caller's next reads go to the primary until a replica has replayed that far
      expect(await search('Replicaprobe', { cookie })).toEqual(['91010102']);
      // a caller with a bearer token (a script, no cookies) is remembered by its token
      expect(await search('Replicaprobe', admin)).toEqual([]);
      const made = await app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: `replica_rw_${process.pid}`, password: 'correct horse battery', role: 'public' } });
      expect(made.statusCode, made.body).toBe(201);
      expect(await search('Replicaprobe', admin)).toEqual(['91010102']);
      // everyone else still reads the paused replica
      expect(await search('Replicaprobe')).toEqual([]);
    } finally {
      await resumeReplay();
    }
    await vi.waitFor(async () => expect(await search('Replicaprobe')).toEqual(['91010102']), { timeout: 30_000, interval: 100 });
  });

  it('shows an import on the primary from the replica, and never reads a replica behind the newest data version', async () => {
    const village = '91010101';
    const expected = file.good.filter((code) => code.startsWith(village)).length;
    const t = tileOf(100.25, 6.5, 11);
    const tileUrl = (z: number, x: number, y: number) => `/tiles/areas/${z}/${x}/${y}.mvt?year=2024`;
    const villageIn = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(r.statusCode, r.body).toBe(200);
      return features(decodeTile(r.rawPayload, r.headers['content-encoding']), 'areas').find((f) => f.properties.code === village);
    };

    await pauseReplay();
    try {
      const m = multipart('households.csv', file.bytes);
      const r = await app.inject({ method: 'POST', url: '/api/imports/households', payload: m.body, headers: { ...admin, ...m.headers } });
      expect(r.statusCode, r.body).toBe(202);
      await app.imports.idle();
      expect((await primary('household').where({ survey_year: 2024 }).count({ n: '*' }))[0].n).toBe(file.good.length);
      // the replica has not replayed the import: it is behind the announced data version and not read from
      await vi.waitFor(async () => expect(await replicaStatus()).toBe('behind'), { timeout: 10_000, interval: 50 });
      expect((await replica('household').where({ survey_year: 2024 }).count({ n: '*' }))[0].n).toBe(0);
      // so the tile of the new survey year is made from the primary, with the imported households
      expect((await villageIn(tileUrl(t.z, t.x, t.y)))?.properties.households).toBe(expected);
    } finally {
      await resumeReplay();
    }
    await vi.waitFor(async () => expect(await replicaStatus()).toBe('ok'), { timeout: 60_000, interval: 100 });
    expect((await replica('household').where({ survey_year: 2024 }).count({ n: '*' }))[0].n).toBe(file.good.length);
    // a tile not cached yet, made now from the replica (up and current again): the same households
    const finer = tileOf(100.25, 6.5, 12);
    expect((await villageIn(tileUrl(finer.z, finer.x, finer.y)))?.properties.households).toBe(expected);
  });

  it('survives a stopped replica: reads go to the primary and /health says so', async () => {
    const replicaCluster = replicaFor(clusterFor(loadConfig().dataDir));
    await replica.destroy();
    stopReplica(replicaCluster);
    try {
      await app.replicas!.probe();
      const body = await health();
      expect(body.status).toBe('ok');
      expect(body.replicas[0]).toMatchObject({ name: 'replica 1', status: 'unavailable', reason: expect.stringMatching(/unreachable/) });
      expect(await search('Replicaprobe')).toEqual(['91010102']);
      const t = tileOf(100.25, 6.5, 13);
      const r = await app.inject({ method: 'GET', url: `/tiles/areas/${t.z}/${t.x}/${t.y}.mvt?year=2024` });
      expect(r.statusCode).toBe(200);
    } finally {
      startReplica(replicaCluster);
      replica = createDb(withDatabase(replicaBase!, databaseName(scratch.url)), { max: 2 });
    }
    await vi.waitFor(async () => expect(await replicaStatus()).toBe('ok'), { timeout: 60_000, interval: 200 });
  });
});
