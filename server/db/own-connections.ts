/**
 * Work split over connections of its own, one per core: CPU-bound statements that PostgreSQL runs on
 * one core each (the distances to services of a province's parts, the neighbours of the areas'
 * parts). Own connections, because the caller's handle may hold only one (an import's refresh runs
 * on the import's single connection, where the workers took turns).
 */
import type { Knex } from 'knex';
import { connectionUrl, createDb } from './knex.js';

/** Connections working at once: one per core of the database machine these profiles run on. */
export const OWN_CONNECTIONS = 2;

/**
 * `work(conn)` on each of OWN_CONNECTIONS connections to `db`'s database at once, each connection
 * with `settings`; closed when all are done (or one failed). Resolves to their results in order.
 */
export async function onOwnConnections<T>(db: Knex, settings: Record<string, string>,
                                          work: (conn: Knex, index: number) => Promise<T>): Promise<T[]> {
  const own = createDb(connectionUrl(db), { max: OWN_CONNECTIONS, applicationName: 'povmap-parts', settings });
  try {
    return await Promise.all(Array.from({ length: OWN_CONNECTIONS }, (_, i) => work(own, i)));
  } finally {
    await own.destroy();
  }
}
