/**
 * The tests' database: `npm test` prepares it (migrations + demo data) and passes its URL. Running
 * vitest by hand works too once `npm test` has prepared it once.
 */
import { loadConfig } from '../../server/config.js';
import { clusterFor, clusterUrl } from '../../server/db/cluster.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { withDatabase, databaseName } from '../../server/db/knex.js';

export function testDatabaseUrl(): string {
  if (process.env.POVMAP_TEST_DATABASE_URL) return process.env.POVMAP_TEST_DATABASE_URL;
  const config = loadConfig();
  if (config.databaseUrl) return withDatabase(config.databaseUrl, `${databaseName(config.databaseUrl)}_test`);
  return clusterUrl(clusterFor(config.dataDir), 'povmap_test');
}

export function testDb(): Db {
  return createDb(testDatabaseUrl(), { max: 4 });
}

/** A scratch database on the same server, made fresh (migrated, empty) for one test file. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = testDatabaseUrl();
  const admin = createDb(withDatabase(base, 'postgres'), { max: 1 });
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.raw(`create database ${name} encoding 'UTF8' template template0`);
  const url = withDatabase(base, name);
  const { migrate } = await import('../../server/db/migrate.js');
  const db = createDb(url, { max: 1 });
  await migrate(db);
  await db.destroy();
  return {
    url,
    async drop() {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}
