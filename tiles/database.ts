/**
 * What tiles needs of the database, passed in by whoever mounts the plugin (server/app.ts lends
 * connections from a small knex pool of the tiles' own, each connection set once to the tiles'
 * statement time-out). Every
 * statement is a file under sql/tiles/ read through sql/load.ts and run with pg's `$n` bindings.
 */
import type pg from 'pg';
import { sqlText } from '../sql/load.js';

export interface TileDatabase {
  /** Borrow one pooled connection. */
  acquire(): Promise<pg.ClientBase>;
  /** Give it back. */
  release(client: pg.ClientBase): Promise<void> | void;
}

export async function withConnection<T>(db: TileDatabase, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const client = await db.acquire();
  try {
    return await work(client);
  } finally {
    await db.release(client);
  }
}

/** Rows of a helper statement in sql/tiles/ (catalog data: years, bounds, versions). */
export async function tileRows<T extends pg.QueryResultRow>(db: TileDatabase, file: string, values: unknown[] = []): Promise<T[]> {
  return withConnection(db, async (client) => (await client.query<T>(sqlText(`tiles/${file}`), values)).rows);
}
