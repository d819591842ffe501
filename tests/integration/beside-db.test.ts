/**
 * A handle made beside another (server/db/knex.ts besideDb: the refresh's measuring beside an
 * import's transaction) runs under the same session settings, so the work moved beside keeps the
 * import's statement and lock time-outs and its work_mem; a handle made without settings gives none.
 */
import { describe, expect, it } from 'vitest';
import { besideDb, createDb } from '../../server/db/knex.js';
import { testDatabaseUrl } from '../helpers/database.js';

const shown = async (db: ReturnType<typeof createDb>) => {
  const { rows } = await db.raw(`select current_setting('work_mem') as work_mem, current_setting('lock_timeout') as lock_timeout`);
  return rows[0];
};

describe('a handle made beside another', () => {
  it('has the session settings of the handle it was made beside', async () => {
    const db = createDb(testDatabaseUrl(), { max: 1, settings: { work_mem: '3MB', lock_timeout: '7s' } });
    const beside = besideDb(db, { max: 1 });
    const bare = createDb(testDatabaseUrl(), { max: 1 });
    const plain = besideDb(bare, { max: 1 });
    try {
      expect(await shown(beside)).toEqual({ work_mem: '3MB', lock_timeout: '7s' });
      expect(await shown(plain)).toEqual(await shown(bare));
      expect((await shown(bare)).work_mem).not.toBe('3MB');
    } finally {
      await Promise.all([db.destroy(), beside.destroy(), bare.destroy(), plain.destroy()]);
    }
  });
});
