/**
 * A generated table's province on a connection of its own (the people, ./people.ts, read the
 * province's households and write their people on it; server/db/copy-text.ts moves the rows).
 */
import type pg from 'pg';
import type { Db } from '../db/knex.js';

/** Runs `work` for province `province` (two digits: it is written into COPY statements) on one pooled connection. */
export async function onProvinceConnection<T>(db: Db, province: string, work: (conn: pg.Client) => Promise<T>): Promise<T> {
  if (!/^[0-9]{2}$/.test(province)) throw new Error(`not a province code: ${province}`);
  const conn: pg.Client = await db.client.acquireConnection();
  try {
    return await work(conn);
  } finally {
    await db.client.releaseConnection(conn);
  }
}
