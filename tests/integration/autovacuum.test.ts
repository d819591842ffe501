/**
 * Autovacuum held off a table written in bulk (server/db/autovacuum.ts): off during the work only,
 * on again after it, also when the work fails. On a table of this test's own, dropped afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutAutovacuum } from '../../server/db/autovacuum.js';
import type { Db } from '../../server/db/knex.js';
import { testDb } from '../helpers/database.js';

const TABLE = 'test_autovacuum_probe';
let db: Db;

/** The table's storage options (null when none is set: autovacuum as the server's settings say). */
const options = async (): Promise<string[] | null> =>
  (await db.raw('select reloptions from pg_class where oid = ?::regclass', [TABLE])).rows[0].reloptions;

beforeAll(async () => {
  db = testDb();
  await db.raw('drop table if exists ??', [TABLE]);
  await db.raw('create table ?? (n integer)', [TABLE]);
});

afterAll(async () => {
  await db.raw('drop table if exists ??', [TABLE]);
  await db.destroy();
});

describe('withoutAutovacuum', () => {
  it('turns autovacuum off the table while the work runs, and on again after it', async () => {
    expect(await options()).toBeNull();
    const during = await withoutAutovacuum(db, [TABLE], async () => {
      await db.raw('insert into ?? select generate_series(1, 1000)', [TABLE]);
      return options();
    });
    expect(during).toEqual(['autovacuum_enabled=false']);
    expect(await options()).toBeNull();
  });

  it('turns it on again when the work fails, and passes the failure on', async () => {
    await expect(withoutAutovacuum(db, [TABLE], async () => {
      expect(await options()).toEqual(['autovacuum_enabled=false']);
      throw new Error('the bulk write failed');
    })).rejects.toThrow('the bulk write failed');
    expect(await options()).toBeNull();
  });
});
