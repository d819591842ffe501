/** The migration runner keeps SQL as written: a "?" is SQL, not a bind placeholder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { testDb } from '../helpers/database.js';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.destroy();
});

describe('migrations', () => {
  it('keep the optional group of the name-mask regex', async () => {
    const { rows } = await db.raw(`select pg_get_functiondef('povmap.mask_name(text)'::regprocedure) as def`);
    expect(rows[0].def).toContain(')?\\s*(.*)$');
    const masked = await db.raw(`select povmap.mask_name('นางสาวประยูร บุญมา') as m`);
    expect(masked.rows[0].m).toBe('นางสาวป… บ…');
  });
});
