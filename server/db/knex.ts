import knexFactory, { type Knex } from 'knex';
import knexPostgis from 'knex-postgis';
import pg from 'pg';
import { applyBudgets } from './budget.js';

// bigint (count(*)) and numeric come back as strings by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Knex & { postgis: ReturnType<typeof knexPostgis> };

export interface DbOptions {
  min?: number;
  max?: number;
  /** application_name the server shows in pg_stat_activity. */
  applicationName?: string;
  /** Session settings (SET name = value) run on every new connection. */
  settings?: Record<string, string>;
  /**
   * Run statements under the time budget of the request that runs them (server/db/budget.ts): the
   * server's pool. Connections used outside a request get no statement time-out.
   */
  requestBudgets?: boolean;
}

/** The session settings each handle was made with (createDb's `settings`), for the handles made beside it. */
const handleSettings = new WeakMap<Knex, Record<string, string>>();

export function createDb(url: string, pool: DbOptions = {}): Db {
  const settings = Object.entries(pool.settings ?? {}).map(([k, v]) => `set ${k} = '${v.replace(/'/g, "''")}'`).join('; ');
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, application_name: pool.applicationName ?? 'povmap' },
    pool: {
      min: pool.min ?? 0,
      max: pool.max ?? 10,
      ...(settings ? { afterCreate: (conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) => conn.query(settings, (err) => done(err, conn)) } : {}),
    },
  }) as Db;
  knex.postgis = knexPostgis(knex);
  if (pool.requestBudgets) applyBudgets(knex);
  if (pool.settings) handleSettings.set(knex, { ...pool.settings });
  return knex;
}

/**
 * A handle of its own to `db`'s database with `db`'s session settings (an import's statement and
 * lock time-outs, work_mem): for work that runs beside a transaction holding `db`'s only connection
 * and must keep the bounds `db`'s statements run under. Destroy it when done.
 */
export function besideDb(db: Knex, pool: Omit<DbOptions, 'settings'> = {}): Db {
  return createDb(connectionUrl(db), { ...pool, settings: handleSettings.get(db) });
}

/** The connection string a Db was made with (for tools that open their own connection: psql, GDAL). */
export function connectionUrl(db: Knex): string {
  const connection = db.client.config.connection as { connectionString?: string } | string | undefined;
  const url = typeof connection === 'string' ? connection : connection?.connectionString;
  if (!url) throw new Error('this database handle has no connection string (make it with createDb)');
  return url;
}

// Connection strings in every libpq form: server/db/connection-string.ts.
export { databaseName, withDatabase } from './connection-string.js';
