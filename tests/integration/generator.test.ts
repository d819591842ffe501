/**
 * The generator: same seed, same rows; a run killed half-way leaves no data set that setup would
 * trust; and the command line refuses bad input with one clear line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureEveryHousehold } from '../../server/access/measure-anew.js';
import { measureServiceAccess } from '../../server/access/refresh.js';
import { SetupError } from '../../server/cli/output.js';
import { ensurePostgis } from '../../server/db/cluster.js';
import { createDb, databaseName } from '../../server/db/knex.js';
import { generate, type Progress } from '../../server/generate/generate.js';
import { PROFILES } from '../../server/generate/profiles.js';
import { GENERATOR_REVISION } from '../../server/generate/revision.js';
import { scratchDatabase, testDatabaseUrl } from '../helpers/database.js';

const quiet: Progress = { phase() {}, rows() {} };
const root = new URL('../..', import.meta.url).pathname;

/** Run a CLI the way a user does; DATABASE_URL is left as the test run has it. */
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('npx', ['tsx', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stderr: r.stderr.trim() };
}

describe('deterministic generation', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let migratedIndexes: string[];
  let migratedForeignKeys: string[];
  let migratedPrimaryKeys: string[];
  // the tables the generator writes in bulk, whose secondary indexes and foreign keys it drops for the load (sql/generate/defer_indexes.sql)
  const BULK_TABLES = ['admin_area', 'household', 'person', 'assistance_log'];
  const bulkIndexes = async (db: ReturnType<typeof createDb>) =>
    (await db.raw(`select tablename || ' ' || indexdef as ix from pg_indexes where tablename = any (?) order by 1`, [BULK_TABLES]))
      .rows.map((r: { ix: string }) => r.ix);
  /** The constraints of one type ('f' foreign, 'p' primary) of the bulk tables, each with its table and definition. */
  const constraints = async (db: ReturnType<typeof createDb>, type: 'f' | 'p') =>
    (await db.raw(`select conrelid::regclass || ' ' || case contype when 'p' then conname || ' ' else '' end || pg_get_constraintdef(oid) as c
                   from pg_constraint where contype = ? and conrelid = any (?::regclass[]) order by 1`, [type, BULK_TABLES]))
      .rows.map((r: { c: string }) => r.c);
  const foreignKeys = (db: ReturnType<typeof createDb>) => constraints(db, 'f');
  // their primary keys: person's and the logbook's are set aside with the indexes and made again from them
  const primaryKeys = (db: ReturnType<typeof createDb>) => constraints(db, 'p');
  // the tables autovacuum is held off while they are written in bulk (server/db/autovacuum.ts)
  const autovacuumOff = async (db: ReturnType<typeof createDb>) =>
    (await db.raw(`select relname from pg_class where relname in ('household', 'person', 'household_access')
                   and 'autovacuum_enabled=false' = any (reloptions) order by 1`)).rows.map((r: { relname: string }) => r.relname);
  // the logbook's entries whatever their ids and times of writing: how many, and a digest of them in one order
  const logbook = async (db: ReturnType<typeof createDb>) =>
    (await db.raw(`select count(*)::integer as entries,
                          md5(string_agg(concat_ws(' ', survey_year, house_code, person_no, agency, done_on, dimension, stage, status), ','
                                         order by survey_year, house_code, person_no, done_on, stage)) as digest
                   from assistance_log`)).rows[0] as { entries: number; digest: string };
  // a table's pages and how many of them are all-frozen (pg_visibility's summary; the extension is made where first needed)
  const frozenPages = async (db: ReturnType<typeof createDb>, table: string) =>
    (await db.raw(`select (select all_frozen from pg_visibility_map_summary(?::regclass))::integer as frozen,
                          (pg_relation_size(?::regclass) / current_setting('block_size')::integer)::integer as pages`, [table, table]))
      .rows[0] as { frozen: number; pages: number };
  // every generated row hashed as stored, independent of row order (the generator's checksum before session 47)
  const storedRowsChecksum = async (db: ReturnType<typeof createDb>) =>
    (await db.raw(`select md5(concat_ws(':',
                     (select sum(hashtextextended(a::text, 0)::numeric) from admin_area a),
                     (select sum(hashtextextended(h::text, 0)::numeric) from household h),
                     (select sum(hash_record_extended(p, 0)::numeric) from person p),
                     (select sum(hashtextextended(s::text, 0)::numeric) from service_point s),
                     (select sum(hash_record_extended(p, 0)::numeric) from village_potential p))) as checksum`)).rows[0].checksum as string;
  beforeAll(async () => {
    scratch = await scratchDatabase('povmap_test_generator');
    const db = createDb(scratch.url, { max: 1 });
    migratedIndexes = await bulkIndexes(db);
    migratedForeignKeys = await foreignKeys(db);
    migratedPrimaryKeys = await primaryKeys(db);
    await db.destroy();
  });
  afterAll(async () => {
    await scratch.drop();
  });

  it('leaves no trusted data set when killed half-way', { timeout: 300_000 }, async () => {
    const name = databaseName(scratch.url);
    const child = spawn('npx', ['tsx', 'server/cli/generate.ts', '--profile', 'tiny', '--seed', '9', '--database', name], {
      cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ? scratch.url : '' }, detached: true,
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('household rows')) resolve();
      });
      child.on('exit', () => reject(new Error(`generator ended before it could be killed: ${stderr}`)));
    });
    process.kill(-child.pid!, 'SIGKILL');
    const db = createDb(scratch.url, { max: 1 });
    try {
      const [{ n }] = await db('dataset').count({ n: '*' });
      expect(Number(n)).toBe(0);
      // killed while writing the households: autovacuum is still off there, until the next run's reset
      expect(await autovacuumOff(db)).toEqual(['household', 'person']);
      // the killed client's backends run on until they next talk to it; end them, as an operator
      // would, or the next generation's truncate deadlocks with their inserts
      await db.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    } finally {
      await db.destroy();
    }
  });

  it('gives identical rows for the same seed, every draw depends on the seed, and all indexes come back', async () => {
    const db = createDb(scratch.url, { max: 3 }); // generate() writes the households and people on three connections at once
    try {
      const first = await generate(db, PROFILES.tiny, 7, quiet);
      const firstLogbook = await logbook(db);
      const again = await generate(db, PROFILES.tiny, 7, quiet);
      expect(first.households).toBe(100_000);
      expect(again.checksum).toBe(first.checksum);
      // the rows themselves, read back as stored: the checksum generator revision 1 gave its tiny
      // profile, seed 7, when its households were made by one SQL statement per province and every
      // row was hashed as stored; made in threads since (session 46), the people from the households'
      // rows as written (session 48), every row is the same. And the generator's own checksum (the
      // households' COPY text as written and the people's, each hashed apart since session 48) of
      // those rows. A change to the rows bumps GENERATOR_REVISION and both values.
      expect(await storedRowsChecksum(db)).toBe('88e045a8e16eff63d3fa1ce106008a56');
      expect(first.checksum).toBe('77e33e9c9f8beff3943e1c44926c8818');
      // the logbook is written in two halves of the households at once: the same entries in every run,
      // and each target household's entries exactly once (1 to 3 by its draw 802), none for the others
      expect(await logbook(db)).toEqual(firstLogbook);
      expect(firstLogbook.entries).toBeGreaterThan(5_000);
      const { rows: [entries] } = await db.raw(`
        select count(*) filter (where h.deprived <> 0
                                  and coalesce(l.n, 0) <> 1 + floor(povmap.rand(7, h.survey_year::bigint * 1000000000000 + h.house_code::bigint, 802) * 3)::integer)::integer as targets_wrong,
               count(*) filter (where h.deprived = 0 and l.n is not null)::integer as others_with_entries
        from household h
        left join (select survey_year, house_code, count(*)::integer as n from assistance_log group by 1, 2) l using (survey_year, house_code)`);
      expect(entries).toEqual({ targets_wrong: 0, others_with_entries: 0 });
      // the households and people are stored in the order of their primary keys (one COPY each in key
      // order: the index builds after it sort rows already in order, server/generate/households.ts, people.ts)
      const { rows: [storedHouseholds] } = await db.raw(`
        select count(*)::integer as n, count(*) filter (where key < before)::integer as out_of_order
        from (select row(survey_year, house_code) as key, lag(row(survey_year, house_code)) over (order by ctid) as before
              from household) h`);
      expect(storedHouseholds).toEqual({ n: 100_000, out_of_order: 0 });
      const { rows: [stored] } = await db.raw(`
        select count(*)::integer as people, count(*) filter (where key < before)::integer as out_of_order
        from (select row(survey_year, house_code, person_no) as key,
                     lag(row(survey_year, house_code, person_no)) over (order by ctid) as before
              from person) p`);
      expect(stored.people).toBeGreaterThan(200_000);
      expect(stored.out_of_order).toBe(0);
      // and written frozen (COPY FREEZE in the transaction that emptied the table): every page is
      // all-frozen, which the vacuum after the load alone would not make of rows this young
      await db.raw('create extension if not exists pg_visibility');
      for (const table of ['household', 'person']) {
        const pages = await frozenPages(db, table);
        expect(pages.pages, table).toBeGreaterThan(1_000);
        expect(pages.frozen, table).toBe(pages.pages);
      }
      // a third full run for another seed would double this test's time: check the draws instead
      const { rows: draws } = await db.raw(`select count(*) filter (where povmap.rand(7, k, s) = povmap.rand(8, k, s))::int as same,
                                                   count(distinct povmap.rand(7, k, s))::int as distinct_values
                                            from generate_series(1, 1000) k, generate_series(1, 20) s`);
      expect(draws[0]).toEqual({ same: 0, distinct_values: 20_000 });
      // the killed run above dropped the secondary indexes; generation put back every one the migrations made
      expect(migratedIndexes.filter((ix) => ix.startsWith('assistance_log ')).length).toBeGreaterThan(2);
      expect(migratedIndexes.length).toBeGreaterThan(12);
      expect(await bulkIndexes(db)).toEqual(migratedIndexes);
      expect(migratedForeignKeys.filter((fk) => fk.startsWith('assistance_log '))).toHaveLength(4);
      expect(migratedForeignKeys.filter((fk) => fk.startsWith('admin_area '))).toEqual(['admin_area FOREIGN KEY (parent_code) REFERENCES admin_area(code)']);
      expect(migratedForeignKeys).toHaveLength(7);
      expect(await foreignKeys(db)).toEqual(migratedForeignKeys);
      expect(migratedPrimaryKeys).toHaveLength(4);
      expect(await primaryKeys(db)).toEqual(migratedPrimaryKeys);
      expect(await db('povmap.deferred_index').count({ n: '*' })).toEqual([{ n: 0 }]);
      // autovacuum on again everywhere, the households and people vacuumed by the generator itself
      expect(await autovacuumOff(db)).toEqual([]);
      const { rows: vacuumed } = await db.raw(`select relname, last_vacuum is not null as vacuumed, last_analyze is not null as analysed
                                               from pg_stat_user_tables where relname in ('household', 'person') order by 1`);
      expect(vacuumed).toEqual([{ relname: 'household', vacuumed: true, analysed: true }, { relname: 'person', vacuumed: true, analysed: true }]);
      const [row] = await db('dataset').select('*');
      expect(row).toMatchObject({ profile: 'tiny', seed: 7, households: 100_000, checksum: first.checksum, generator_revision: GENERATOR_REVISION });
      // every phase timed, in the order run, and the same phases as the run returned
      expect(row.phases).toEqual(again.phases);
      expect(again.phases.map((p) => p.phase)).toEqual(['reset', 'names', 'areas', 'villages', 'households_and_people', 'household_indexes',
        'person_indexes', 'vacuum', 'services', 'assistance', 'area_context', 'rollups', 'checksum']);
    } finally {
      await db.destroy();
    }
  }, 900_000);

  it('measures every household anew (one COPY, frozen) into the rows and demand points a refresh measures province by province', async () => {
    // the generated data of the test above: no distances yet (a generation empties them)
    const db = createDb(scratch.url, { max: 4 });
    const snapshot = async () => ({
      rows: (await db.raw(`select count(*)::integer as n, md5(string_agg(a::text, '|' order by survey_year, house_code)) as digest
                           from household_access a`)).rows[0],
      demand: (await db.raw(`select count(*)::integer as n, md5(string_agg(v::text, '|' order by survey_year, village_code)) as digest
                             from (select survey_year, village_code, households, people, st_astext(geom) from access_village) v`)).rows[0],
      ratios: (await db.raw(`select count(*)::integer as n, md5(string_agg(v::text, '|' order by survey_year, village_code)) as digest
                             from (select survey_year, village_code, clinic_2sfca from access_village) v`)).rows[0],
    });
    try {
      expect(await db('household_access').count({ n: '*' })).toEqual([{ n: 0 }]);
      await measureEveryHousehold(db);
      const anew = await snapshot();
      const pages = await frozenPages(db, 'household_access');
      expect(pages.pages).toBeGreaterThan(100);
      expect(pages.frozen).toBe(pages.pages);
      await measureServiceAccess(db, () => undefined, undefined, undefined, { remeasure: true });
      const byProvince = await snapshot();
      expect(anew.rows.n).toBe(100_000);
      expect(anew.demand.n).toBeGreaterThan(1_000);
      expect(anew).toEqual(byProvince);
    } finally {
      await db.destroy();
    }
  }, 300_000);
});

describe('command-line errors', () => {
  it('names an unknown profile', () => {
    const r = cli(['server/cli/generate.ts', '--profile', 'huge']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('povmap: error: unknown profile "huge": use demo, national or tiny');
  });

  it('refuses a bad seed', () => {
    for (const seed of ['abc', '0', '-3', '1.5', '99999999']) {
      const r = cli(['server/cli/generate.ts', '--profile', 'demo', `--seed=${seed}`]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^povmap: error: --seed must be a whole number from 1 to 1000000/);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
  });

  it('says so in one line when DATABASE_URL cannot be reached', () => {
    const r = cli(['server/cli/setup.ts'], { DATABASE_URL: 'postgresql://povmap@127.0.0.1:9/povmap' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^povmap: error: cannot reach PostgreSQL at postgresql:\/\/povmap@127\.0\.0\.1:9\/povmap/);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('tells a user without root what to install when PostGIS is missing', () => {
    expect(() => ensurePostgis({ present: false, root: false })).toThrow(SetupError);
    expect(() => ensurePostgis({ present: false, root: false })).toThrow(/apt-get install -y postgresql-15 postgresql-15-postgis-3/);
    expect(() => ensurePostgis({ present: true, root: false })).not.toThrow();
  });

  it('the test database is not the one npm start serves', () => {
    expect(databaseName(testDatabaseUrl())).not.toBe('povmap');
  });
});
