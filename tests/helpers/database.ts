/**
 * The tests' database: `npm test` prepares it (migrations + demo data) and passes its URL. Running
 * vitest by hand works too once `npm test` has prepared it once.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { loadConfig } from '../../server/config.js';
import { clusterFor, clusterUrl } from '../../server/db/cluster.js';
import { replicaFor } from '../../server/db/replica-cluster.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { withDatabase, databaseName } from '../../server/db/knex.js';

export function testDatabaseUrl(): string {
  if (process.env.POVMAP_TEST_DATABASE_URL) return process.env.POVMAP_TEST_DATABASE_URL;
  const config = loadConfig();
  if (config.databaseUrl) return withDatabase(config.databaseUrl, `${databaseName(config.databaseUrl)}_test`);
  return clusterUrl(clusterFor(config.dataDir), 'povmap_test');
}

/**
 * The streaming replica `npm test` makes of the private cluster (server/db/replica-cluster.ts), as a
 * URL of the tests' database on it; undefined only when DATABASE_URL names an external server, for
 * which no replica is made.
 */
export function testReplicaUrl(database = databaseName(testDatabaseUrl())): string | undefined {
  const url = process.env.POVMAP_TEST_REPLICA_URL;
  if (url) return withDatabase(url, database);
  const config = loadConfig();
  if (config.databaseUrl) return undefined;
  return clusterUrl(replicaFor(clusterFor(config.dataDir)), database);
}

export function testDb(): Db {
  return createDb(testDatabaseUrl(), { max: 4 });
}

/** A scratch database's name: `<base>_p<pid>_<random>`, so no two runs (or files) ever share one. */
function scratchName(base: string): string {
  return `${base}_p${process.pid}_${randomBytes(4).toString('hex')}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A scratch database on the same server, made fresh (migrated, empty) for one test file under a name
 * of its own (scratchName), so a run never drops a database another run is using. Left-overs of
 * runs that died on this machine (their process is gone) are dropped first; nothing else is.
 */
export async function scratchDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const baseUrl = testDatabaseUrl();
  const admin = createDb(withDatabase(baseUrl, 'postgres'), { max: 1 });
  const { rows } = await admin.raw('select datname from pg_database where datname like ?', [`${base}\\_p%`]);
  for (const { datname } of rows as Array<{ datname: string }>) {
    const m = new RegExp(`^${base}_p(\\d+)_[0-9a-f]{8}$`).exec(datname);
    // not forced: should someone still be connected (another machine's run), the drop fails and it stays
    if (m && !processAlive(Number(m[1]))) await admin.raw(`drop database if exists ${datname}`).catch(() => undefined);
  }
  const name = scratchName(base);
  await admin.raw(`create database ${name} encoding 'UTF8' template template0`);
  const url = withDatabase(baseUrl, name);
  const { migrate } = await import('../../server/db/migrate.js');
  const db = createDb(url, { max: 1 });
  await migrate(db);
  await db.destroy();
  return {
    url,
    async drop() {
      // this run's own database: forcing closes only connections this test file left open
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}

/**
 * The hand-checkable geography of the fixture tests: province 91 > district 9101 > subdistrict
 * 910101 > villages 91010101 (lon 100-100.5, lat 6-7) and 91010102 (lon 100.5-101, lat 6-7).
 * Another `province` code gives the same shape under that code, `north` degrees further north
 * (lat 6 + north to 7 + north), so several provinces lie side by side.
 */
export async function insertFixtureAreas(db: Knex, province = '91', north = 0): Promise<void> {
  const [d, s] = [`${province}01`, `${province}0101`];
  const areas: Array<[string, string, string | null, number]> = [
    [province, 'province', null, 0], [d, 'district', province, 0], [s, 'subdistrict', d, 0],
    [`${s}01`, 'village', s, 0], [`${s}02`, 'village', s, 0.5],
  ];
  for (const [code, level, parent, dx] of areas) {
    const width = level === 'village' ? 0.5 : 1;
    await db.raw(`insert into admin_area (code, level, parent_code, province_code, district_code, subdistrict_code, name_th, name_en,
                                          geom, geom_3857, label_point, area_km2)
                  select ?, ?, ?, ?, ?, ?, ?, ?, g, st_transform(g, 3857), st_pointonsurface(g), 1
                  from (select st_multi(st_makeenvelope(100 + cast(? as float8), 6 + cast(? as float8),
                                                        100 + cast(? as float8) + cast(? as float8), 7 + cast(? as float8), 4326)) as g) x`,
      [code, level, parent, province, code.length >= 4 ? d : null, code.length >= 6 ? s : null,
        `ทดสอบ ${code}`, `Test ${code}`, dx, north, dx, width, north]);
  }
}
