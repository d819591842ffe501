/**
 * What both `npm start` and `npm test` need before they run: a reachable PostGIS (the private cluster
 * under .data/ unless DATABASE_URL is set), the database itself, the migrations, and a complete data
 * set (the demo profile is generated when none is recorded; demo data of an older generator revision
 * is generated again). Running it twice changes nothing.
 */
import path from 'node:path';
import { type Config } from '../config.js';
import { SetupError, step } from '../cli/output.js';
import { terminalProgress } from '../cli/progress.js';
import { generate } from '../generate/generate.js';
import { deriveAfterGeneration, seedAndDerive } from '../generate/derive.js';
import { datasetVerdict } from '../generate/regenerate.js';
import { clusterFor, clusterUrl, ensureCluster, ensurePostgis } from './cluster.js';
import { sqlText } from '../../sql/load.js';
import { redact } from './connection-string.js';
import { createDb, databaseName, withDatabase, type Db } from './knex.js';
import { prepareDefinitions } from './definitions.js';
import { migrate, staleMigrations } from './migrate.js';

export interface PrepareOptions {
  /** 'main' is what `npm start` serves; 'test' is the tests' own database. */
  purpose: 'main' | 'test';
  /**
   * Generate the demo profile when the database holds no complete data set, and generate a demo or
   * tiny data set of an older generator revision again (server/generate/regenerate.ts).
   */
  seedDemo?: boolean;
  /** Another database on the same server instead of the default one for `purpose`. */
  database?: string;
}

/** The connection string to use, after making sure the server behind it is there. */
export async function resolveDatabaseUrl(config: Config, purpose: PrepareOptions['purpose']): Promise<string> {
  if (config.databaseUrl) {
    if (purpose === 'main') return config.databaseUrl;
    return process.env.TEST_DATABASE_URL || withDatabase(config.databaseUrl, `${databaseName(config.databaseUrl)}_test`);
  }
  ensurePostgis();
  const cluster = clusterFor(config.dataDir);
  ensureCluster(cluster);
  return clusterUrl(cluster, purpose === 'main' ? 'povmap' : 'povmap_test');
}

/** Run `work` on the server's maintenance database (to create or drop a database). */
async function onMaintenanceDb<T>(url: string, work: (admin: Db) => Promise<T>): Promise<T> {
  const admin = createDb(withDatabase(url, 'postgres'), { max: 1 });
  try {
    await admin.raw(sqlText('api/ping.sql'));
  } catch (err) {
    await admin.destroy();
    throw new SetupError(`cannot reach PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseName(url);
  await onMaintenanceDb(url, async (admin) => {
    const { rows } = await admin.raw(sqlText('db/database_exists.sql'), [name]);
    if (rows.length) return;
    step(`Creating database ${name}`);
    await admin.raw(sqlText('db/create_database.sql'), [name]);
  });
}

/**
 * A database made by migrations that were since squashed into sql/migrations/001_baseline.sql: the
 * private cluster's databases hold synthetic data that setup regenerates, so they are dropped and
 * made again; a user-given DATABASE_URL is left alone with a message saying what to do.
 */
async function replaceStaleDatabase(config: Config, url: string): Promise<void> {
  const db = createDb(url, { max: 1 });
  let stale: string[];
  try {
    stale = await staleMigrations(db);
  } finally {
    await db.destroy();
  }
  if (!stale.length) return;
  const name = databaseName(url);
  if (config.databaseUrl) {
    throw new SetupError(`database ${name} at ${redact(url)} was made by the old migrations (${stale[0]} …), now squashed into ` +
      'sql/migrations/001_baseline.sql: drop it (or point DATABASE_URL at an empty database) and run the command again');
  }
  step(`Database ${name} was made by the old migrations (now one baseline): dropping it and making it again (its data is regenerated)`);
  await onMaintenanceDb(url, (admin) => admin.raw(sqlText('db/drop_database.sql'), [name]));
  await ensureDatabaseExists(url);
}

/** Applied definition files and migrations in one line, e.g. "1 migration, 24 function files, 6 view files". */
function appliedSummary(applied: string[]): string {
  const count = (folder: string, what: string) => {
    const n = applied.filter((f) => f.startsWith(`${folder}/`)).length;
    return n ? [`${n} ${what}${n === 1 ? '' : 's'}`] : [];
  };
  return [...count('functions', 'function file'), ...count('migrations', 'migration'), ...count('views', 'view file')].join(', ');
}

/**
 * Generates the data set when there is no complete one, or when it is demo or tiny data made by an
 * older generator revision (server/generate/regenerate.ts says which); returns whether it did.
 */
async function generateWhenNeeded(db: Db): Promise<boolean> {
  const verdict = await datasetVerdict(db);
  if (!verdict.generate) {
    if (verdict.note) step(verdict.note);
    return false;
  }
  const { profile, seed } = verdict;
  step(`${verdict.reason}: generating the ${profile.name} profile (seed ${seed}, a few minutes)`);
  const progress = terminalProgress();
  const result = await generate(db, profile, seed, progress);
  progress.stop();
  step(`${profile.name === 'demo' ? 'Demo' : 'Tiny'} data ready: ${result.households.toLocaleString('en')} household rows and ${result.persons.toLocaleString('en')} people in ${result.seconds.toFixed(0)} s`);
  return true;
}

export async function prepareDatabase(config: Config, options: PrepareOptions): Promise<string> {
  const resolved = await resolveDatabaseUrl(config, options.purpose);
  const url = options.database ? withDatabase(resolved, options.database) : resolved;
  await ensureDatabaseExists(url);
  await replaceStaleDatabase(config, url);
  const db = createDb(url, { max: 4 });
  try {
    try {
      await prepareDefinitions(db); // the povmap schema and PostGIS (sql/db/definitions_prelude.sql)
    } catch (err) {
      throw new SetupError(`PostGIS is not available on ${redact(url)}: ${(err as Error).message}`);
    }
    const applied = await migrate(db);
    if (applied.length) step(`Applied ${appliedSummary(applied)}${applied.length <= 8 ? `: ${applied.join(', ')}` : ''}`);
    const generated = options.seedDemo ? await generateWhenNeeded(db) : false;
    if (generated) {
      // the derivations after a generation are timed and kept with its phases (dataset.phases)
      await deriveAfterGeneration(db, step);
    } else {
      await seedAndDerive(db, step);
    }
  } finally {
    await db.destroy();
  }
  return url;
}
