/**
 * Brings a database to the current schema, in this order:
 *   1. sql/functions/ (repeatable, server/db/definitions.ts): generated columns and triggers call them;
 *   2. sql/migrations/ (knex migrations, each its own transaction, run once, in name order): the
 *      tables, indexes and seed rows, starting from 001_baseline.sql;
 *   3. povmap.indicator / povmap.dimension seeded from server/mpi/indicators.ts;
 *   4. sql/views/ (repeatable): the views and rollups over the tables; when a rollup was made again,
 *      the disclosure policy's decisions are marked outdated (server/disclosure/refresh.ts).
 * A database whose migration history names migrations that no longer exist (one made by the
 * migrations squashed into 001_baseline.sql) is refused with StaleMigrationsError: server/db/prepare.ts
 * rebuilds the private cluster's databases and tells a DATABASE_URL user what to do.
 */
import type { Knex } from 'knex';
import { sqlFilesIn, sqlText } from '../../sql/load.js';
import { markDisclosureOutdated } from '../disclosure/refresh.js';
import { applyDefinitions, literalSql, prepareDefinitions, seedIndicators } from './definitions.js';

const MIGRATIONS = 'migrations';
/** View files before this name are the rollups the disclosure policy decides on (area_public). */
const DECIDED_VIEWS_END = 'views/70';
const migrationName = (file: string) => file.slice(MIGRATIONS.length + 1);

class SqlFileMigrations implements Knex.MigrationSource<string> {
  async getMigrations() {
    return sqlFilesIn(MIGRATIONS);
  }
  getMigrationName(file: string) {
    return migrationName(file);
  }
  async getMigration(file: string) {
    const sql = literalSql(sqlText(file));
    return {
      up: (knex: Knex) => knex.raw(sql),
      down: () => {
        throw new Error(`${file} has no down migration; restore from a dump instead`);
      },
    };
  }
}

/** The database's recorded migrations that sql/migrations/ no longer has. */
export async function staleMigrations(knex: Knex): Promise<string[]> {
  if (!(await knex.schema.hasTable('knex_migrations'))) return [];
  const present = new Set(sqlFilesIn(MIGRATIONS).map(migrationName));
  const recorded: string[] = await knex('knex_migrations').orderBy('id').pluck('name');
  return recorded.filter((name) => !present.has(name));
}

export class StaleMigrationsError extends Error {
  constructor(readonly stale: string[]) {
    super(`the database was made by migrations that no longer exist (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}); ` +
      'they are squashed into sql/migrations/001_baseline.sql');
  }
}

/** Apply whatever is pending; returns what was applied (paths under sql/). */
export async function migrate(knex: Knex): Promise<string[]> {
  const stale = await staleMigrations(knex);
  if (stale.length) throw new StaleMigrationsError(stale);
  await prepareDefinitions(knex);
  const functions = await applyDefinitions(knex, 'functions');
  const [, migrations] = await knex.migrate.latest({ migrationSource: new SqlFileMigrations() });
  await seedIndicators(knex);
  const views = await applyDefinitions(knex, 'views');
  // a rollup made again may hold other counts than those the policy last decided on: the policy
  // decides again, and the hotspots after it, when the data is next made ready (server/db/refresh.ts)
  if (views.some((file) => file < DECIDED_VIEWS_END)) await markDisclosureOutdated(knex);
  return [...functions, ...(migrations as string[]).map((m) => `${MIGRATIONS}/${m}`), ...views];
}
