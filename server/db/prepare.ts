/**
 * What both `npm start` and `npm test` need before they run: a reachable PostGIS (the private cluster
 * under .data/ unless DATABASE_URL is set), the database itself, the migrations, and a complete data
 * set (the demo profile is generated when none is recorded). Running it twice changes nothing.
 */
import path from 'node:path';
import pg from 'pg';
import { type Config } from '../config.js';
import { SetupError, step } from '../cli/output.js';
import { terminalProgress } from '../cli/progress.js';
import { generate } from '../generate/generate.js';
import { DEFAULT_SEED, PROFILES } from '../generate/profiles.js';
import { clusterFor, clusterUrl, ensureCluster, ensurePostgis } from './cluster.js';
import { createDb, databaseName, withDatabase } from './knex.js';
import { migrate } from './migrate.js';
import { ensureDerivedData } from './refresh.js';

export interface PrepareOptions {
  /** 'main' is what `npm start` serves; 'test' is the tests' own database. */
  purpose: 'main' | 'test';
  /** Generate the demo profile when the database holds no complete data set. */
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

async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new SetupError(`cannot reach PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      step(`Creating database ${name}`);
      await admin.query(`create database ${pg.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    }
  } finally {
    await admin.end();
  }
}

export async function prepareDatabase(config: Config, options: PrepareOptions): Promise<string> {
  const resolved = await resolveDatabaseUrl(config, options.purpose);
  const url = options.database ? withDatabase(resolved, options.database) : resolved;
  await ensureDatabaseExists(url);
  const db = createDb(url, { max: 4 });
  try {
    try {
      await db.raw('create extension if not exists postgis');
    } catch (err) {
      throw new SetupError(`PostGIS is not available on ${redact(url)}: ${(err as Error).message}`);
    }
    const applied = await migrate(db);
    if (applied.length) step(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    if (options.seedDemo) {
      const [{ n }] = await db('dataset').count({ n: '*' });
      if (Number(n) === 0) {
        step('No complete data set in the database: generating the demo profile (about a minute)');
        const progress = terminalProgress();
        const result = await generate(db, PROFILES.demo, DEFAULT_SEED, progress);
        progress.stop();
        step(`Demo data ready: ${result.households.toLocaleString('en')} household rows in ${result.seconds.toFixed(0)} s`);
      }
    }
    await ensureDerivedData(db, step);
  } finally {
    await db.destroy();
  }
  return url;
}

/** A connection string without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
