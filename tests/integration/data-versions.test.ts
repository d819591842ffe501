/**
 * The data-version listener the tile cache keys on (tiles/versions.ts): when its connection is
 * killed, the cache is off (no stamp) until it is back; it comes back by itself, re-reads the
 * versions so a change made while it was down is not missed, and hears notifications again.
 * A real PostgreSQL connection is terminated with pg_terminate_backend; the version it watches is a
 * name of this test's own, removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { DataVersions } from '../../tiles/versions.js';
import type { DataName } from '../../tiles/layer.js';
import { testDatabaseUrl, testDb } from '../helpers/database.js';

const NAME = 'test_listener_reconnect' as DataName;
let db: Db;
let versions: DataVersions;
const warnings: string[] = [];

const bump = async () => Number((await db.raw('select povmap.bump_data_version(?) as v', [NAME])).rows[0].v);
const backendPid = () => (versions as unknown as { listener?: { processID: number } }).listener?.processID;

beforeAll(async () => {
  db = testDb();
  await db('data_version').where({ name: NAME }).delete();
  versions = new DataVersions(testDatabaseUrl(), async () => (await db.raw('select name, version from data_version')).rows, (m) => warnings.push(m));
  await versions.start();
});

afterAll(async () => {
  await versions?.close();
  await db('data_version').where({ name: NAME }).delete();
  await db.destroy();
});

describe('the data-version listener', () => {
  it('hears a change by notification', async () => {
    expect(versions.stamp([NAME])).toBe('0');
    const v = await bump();
    await vi.waitFor(() => expect(versions.stamp([NAME])).toBe(String(v)), { timeout: 10_000, interval: 20 });
  });

  it('turns the cache off when its connection dies, comes back by itself and misses no change made meanwhile', async () => {
    const pid = backendPid();
    expect(pid).toBeGreaterThan(0);
    const { rows } = await db.raw('select pg_terminate_backend(?) as ok', [pid!]);
    expect(rows[0].ok).toBe(true);
    // lost: no stamp, so no tile is served from or stored in the cache
    await vi.waitFor(() => expect(versions.stamp([NAME])).toBeUndefined(), { timeout: 10_000, interval: 10 });
    expect(warnings.some((w) => w.includes('lost the data-version listener'))).toBe(true);
    // a change while it is down
    const v = await bump();
    // back on a new connection, with the version read afresh
    await vi.waitFor(() => expect(versions.stamp([NAME])).toBe(String(v)), { timeout: 15_000, interval: 50 });
    expect(backendPid()).not.toBe(pid);
    // and listening again
    const w = await bump();
    await vi.waitFor(() => expect(versions.stamp([NAME])).toBe(String(w)), { timeout: 10_000, interval: 20 });
  });
});
