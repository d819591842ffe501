/**
 * The deterministic synthetic data set: Thailand-shaped admin geometry with real names and codes,
 * households and their people, services, village potential and the assistance logbook, and the rollups. The heavy lifting is SQL in
 * sql/generate/, but for the households and people, computed in worker threads (./households.ts,
 * ./people.ts); this file feeds them inputs, runs them in order and reports progress.
 *
 * Atomicity: the `dataset` row is deleted first and written last, so a run that dies half-way leaves
 * no row and the next setup regenerates instead of trusting half the data.
 *
 * What is derived from this data (tile geometry, neighbours, hotspots, the night-light composites
 * painted from it and their statistics) is emptied here and rebuilt by server/db/refresh.ts
 * (`ensureDerivedData`), which every command runs after generating.
 */
import { createHash, type Hash } from 'node:crypto';
import { sqlText } from '../../sql/load.js';
import { withoutAutovacuum } from '../db/autovacuum.js';
import { withCopyThreads } from '../db/copy-thread.js';
import { withJit } from '../db/jit.js';
import { withLocalSettings } from '../db/local-settings.js';
import type { Db } from '../db/knex.js';
import { PROVINCE_CAPITALS } from '../geo/capitals.js';
import { loadAdminNames } from '../geo/names.js';
import { thailandOutline } from '../geo/outline.js';
import { householdsThread, writeHouseholdsAndPeople } from './households.js';
import { peopleThread } from './people.js';
import { phaseClock, type PhaseTime } from './phase-clock.js';
import type { Profile } from './profiles.js';
import { GENERATOR_REVISION } from './revision.js';


export interface Progress {
  phase(name: string): void;
  /** A phase ended after `time.ms` (called before the next phase starts). */
  phaseDone?(time: PhaseTime): void;
  /** Rows of `unit` (households, people) written so far out of the total. */
  rows(unit: string, done: number, total: number): void;
}

export interface GenerateResult {
  households: number;
  persons: number;
  checksum: string;
  seconds: number;
  /** Each phase's wall-clock time, as stored in `dataset.phases`. */
  phases: PhaseTime[];
}

/**
 * Checksum over every generated row. The households and people, 49 M rows of the national profile,
 * are fingerprinted as they are written: `written` is given each table's COPY text in the order it
 * went to the table (primary-key order, the same in every run whatever the threads, units or
 * chunks), and the stored rows are a function of that text and the schema. Reading them back to
 * hash them took 38–45 s of both cores on the national profile; hashing the text (5.2 GB) costs
 * about 4.4 s of this process's thread, which relays the COPYs. The other tables, small, are hashed
 * as stored (sql/generate/checksum.sql).
 */
export async function datasetChecksum(db: Db, written: { households: Hash; people: Hash }): Promise<string> {
  const { rows } = await db.raw(sqlText('generate/checksum.sql'), [`${written.households.digest('hex')}:${written.people.digest('hex')}`]);
  return rows[0].checksum as string;
}

/** Generates `profile` with `seed` in place of any data set `db` holds; `db`'s pool must allow three connections at once. */
export async function generate(db: Db, profile: Profile, seed: number, progress: Progress): Promise<GenerateResult> {
  const started = Date.now();
  const clock = phaseClock('generate', (time) => progress.phaseDone?.(time));
  // `key` names the phase in dataset.phases (the same in every run); `label` is what people read
  const phase = (key: string, label: string) => {
    clock.start(key);
    progress.phase(label);
  };
  phase('reset', 'Preparing');
  await db.raw(sqlText('generate/reset.sql'));

  phase('names', 'Loading names, codes and the national outline');
  const names = await loadAdminNames();
  await db.raw(sqlText('generate/outline.sql'), [JSON.stringify(thailandOutline())]);
  await db.raw(sqlText('generate/params.sql'), [seed, profile.householdsPerYear, profile.years]);
  await db.batchInsert('gen.province', names.provinces.map((p) => {
    const capital = PROVINCE_CAPITALS[p.code];
    if (!capital) throw new Error(`no capital coordinates for province ${p.code}`);
    return { code: p.code, name_th: p.name_th, name_en: p.name_en, lon: capital[0], lat: capital[1] };
  }), 1000);
  await db.batchInsert('gen.district', names.districts, 1000);
  await db.batchInsert('gen.subdistrict', names.subdistricts, 1000);

  phase('areas', `Growing ${names.provinces.length} provinces, ${names.districts.length} districts, ${names.subdistricts.length} subdistricts and their villages`);
  await db.raw(sqlText('generate/10_admin_areas.sql'));
  // the subdistricts and the villages in two halves at once, one core each
  await inHalves(db, 'generate/11_subdistricts.sql');
  await db.raw(sqlText('generate/12_village_names.sql'));
  await inHalves(db, 'generate/13_villages.sql');
  // the areas' indexes and foreign key made after their rows, two at a time (sql/generate/defer_indexes.sql), then analysed
  const areaIndexes = await deferIndexes(db, ['admin_area']);
  await db.raw(sqlText('generate/14_admin_area_rows.sql'));
  await buildIndexes(db, 'admin_area', areaIndexes);

  phase('villages', 'Shaping the poverty surface');
  await db.raw(sqlText('generate/20_villages.sql'));
  const total = profile.householdsPerYear * profile.years.length;
  const perProvince = await db('gen.village').select('province_code').sum({ n: 'n_households' }).groupBy('province_code').orderBy('province_code') as unknown as Array<{ province_code: string; n: number }>;
  // Secondary indexes, foreign keys and the primary keys no foreign key points at (person's) are dropped for the bulk
  // loads and made again after each, from their own definitions (sql/generate/defer_indexes.sql).
  const deferred = await deferIndexes(db, ['household', 'person', 'assistance_log']);
  // the households' and the people's COPY text, each in order (datasetChecksum)
  const written = { households: createHash('sha256'), people: createHash('sha256') };
  // rows written, as the COPYs count them
  let households = 0;
  let persons = 0;
  // The households and people are vacuumed once, when written and indexed, not by autovacuum again and again as they grow.
  await withoutAutovacuum(db, ['household', 'person'], async () => {
    phase('households_and_people', `Writing ${total.toLocaleString('en')} household rows and their people`);
    let done = 0;
    let peopleDone = 0;
    progress.rows('households', 0, total);
    // a year's provinces in code order, then the next year's: the order of household's primary key
    const householdUnits = profile.years.flatMap((surveyYear, i) => perProvince.map((p) => ({
      surveyYear, nth: i + 1, province: p.province_code, households: Number(p.n),
    })));
    const settings = {
      seed,
      targetScale: Number((await db('gen.scale').select('target_scale'))[0].target_scale),
      rates: (await db('povmap.indicator').orderBy('number').pluck('generator_rate')).map(Number),
    };
    // the people are made from the households' rows as they are written, and written at the same time (./households.ts)
    [households, persons] = await withCopyThreads(() => householdsThread(settings), (householdThreads) =>
      withCopyThreads(() => peopleThread(seed), (peopleThreads) =>
        writeHouseholdsAndPeople(db, { households: householdThreads, people: peopleThreads }, householdUnits, {
          households: (unit) => {
            done += unit.households;
            progress.rows('households', done, total);
          },
          people: (unit) => {
            peopleDone += unit.households;
            progress.rows('households with their people', peopleDone, total);
          },
        }, written)));

    const [householdIndexes, personIndexes] = [deferred.filter(onTable('household')), deferred.filter(onTable('person'))];
    phase('household_indexes', `Indexing households (${householdIndexes.length} indexes and foreign keys)`);
    await buildIndexes(db, 'household', householdIndexes);
    phase('person_indexes', `Indexing people (${personIndexes.length} indexes and foreign keys)`);
    await buildIndexes(db, 'person', personIndexes);
    phase('vacuum', 'Vacuuming the households and people');
    await Promise.all([db.raw('vacuum household'), db.raw('vacuum person')]);
  });

  phase('services', 'Placing schools, hospitals and village potential');
  await db.raw(sqlText('generate/30_services_villages.sql'));
  phase('assistance', 'Writing the assistance logbook');
  await inBlockHalves(db, 'generate/40_assistance.sql', 'household');
  await buildIndexes(db, 'assistance_log', deferred.filter(onTable('assistance_log')));
  phase('area_context', 'Area context: provincial accounts, HAI, centre staff, projects, OTOP products');
  await db.raw(sqlText('generate/50_area_context.sql'), [seed, profile.years]);
  phase('rollups', 'Computing the rollups');
  // the people's rollup on one connection, the households' and the logbook's on the other, then the
  // rest; compiled (server/db/jit.ts) where the rows are many enough to repay compiling
  const rollup = total >= JIT_ROLLUP_HOUSEHOLDS ? (file: string) => withJit(db, sqlText(file)) : (file: string) => db.raw(sqlText(file));
  const timed = async (file: string) => {
    const begun = Date.now();
    await rollup(file);
    return ((Date.now() - begun) / 1000).toFixed(1);
  };
  const [householdsS, peopleS] = await Promise.all([timed('generate/rollups_households.sql'), timed('generate/rollups_people.sql')]);
  progress.phase(`Computing the other rollups (the households' and the logbook's took ${householdsS} s, the people's ${peopleS} s, at once)`);
  await rollup('generate/rollups.sql');

  phase('checksum', 'Checksum');
  const checksum = await datasetChecksum(db, written);
  const phases = clock.stop();
  const seconds = (Date.now() - started) / 1000;
  await db.transaction(async (trx) => {
    await trx('dataset').insert({
      profile: profile.name, seed, survey_years: profile.years, households, persons, checksum, seconds,
      phases: JSON.stringify(phases), generator_revision: GENERATOR_REVISION,
      geography: `${names.source}: ${names.provinces.length} provinces, ${names.districts.length} districts, ${names.subdistricts.length} subdistricts; synthetic geometry clipped to Natural Earth 10m`,
    });
    await trx.raw(sqlText('generate/data_versions.sql'));
  });
  return { households, persons, checksum, seconds, phases };
}

/**
 * Household rows from which the rollups are run with JIT (server/db/jit.ts): the demo profile's
 * 1.03 M gained from it, the tiny profile's 100,000 lost.
 */
const JIT_ROLLUP_HOUSEHOLDS = 1_000_000;

/** Runs `file` for both halves of its rows (its one binding: 0 or 1) on two connections at once. */
async function inHalves(db: Db, file: string) {
  await Promise.all([0, 1].map((half) => db.raw(sqlText(file), [half])));
}

/** A tuple id past any block a table can have (block numbers are below 2^32 - 1). */
const PAST_LAST_TID = '(4294967295,0)';

/**
 * Runs `file` for both halves of `table`'s blocks (its two bindings: the first tuple id of the half
 * and the one after its last) on two connections at once; each half is read by a TID range scan.
 * The halves are fixed once, from the table's size when this starts, so every row is in exactly one.
 */
async function inBlockHalves(db: Db, file: string, table: string) {
  const { rows: [{ blocks }] } = await db.raw("select pg_relation_size(?::regclass) / current_setting('block_size')::bigint as blocks", [table]);
  const middle = `(${Math.ceil(Number(blocks) / 2)},0)`;
  await Promise.all([['(0,0)', middle], [middle, PAST_LAST_TID]].map((bounds) => db.raw(sqlText(file), bounds)));
}

/** An index or constraint set aside for a bulk load, made again from its definition after. */
interface DeferredIndex {
  name: string;
  definition: string;
}

/**
 * Drops the secondary indexes, own foreign keys and unreferenced primary keys of `tables` for a bulk
 * load, keeping their definitions in povmap.deferred_index (sql/generate/defer_indexes.sql), and
 * returns the definitions of `tables` waiting there (a run killed before its rebuild left its own
 * there too: every waiting one is dropped, and each table's are returned by its own call).
 */
async function deferIndexes(db: Db, tables: string[]): Promise<DeferredIndex[]> {
  await db.raw(sqlText('generate/defer_indexes.sql'), [tables]);
  await db.raw(sqlText('generate/drop_deferred_indexes.sql'));
  const deferred: DeferredIndex[] = await db('povmap.deferred_index').select('name', 'definition').orderBy('name');
  return deferred.filter((ix) => tables.some((table) => onTable(table)(ix)));
}

/** Whether an index or foreign key is `table`'s (sql/generate/defer_indexes.sql writes both kinds of definition). */
const onTable = (table: string) => (ix: { definition: string }) =>
  new RegExp(`^create (unique )?index \\S+ on public\\.${table} |^alter table public\\.${table} `, 'i').test(ix.definition);
const isConstraint = (ix: { definition: string }) => /^alter table /i.test(ix.definition);

/**
 * The memory a foreign key's check may hash the referenced keys in. Adding person's key to
 * household checks 36 M people against 12.8 M households in one join: with the server's 64 MB the
 * hash spilled to disk in batches, 19.3 s on the national profile; in 1 GB it fits, 6.2 s.
 */
const FOREIGN_KEY_CHECK_MEMORY = '1GB';

/**
 * The memory each of the generator's index builds sorts in, less than the cluster's 1 GB
 * (server/db/cluster.ts) on purpose. Built as the generator builds them (two at a time), person's four
 * indexes of the national profile took 89.7 / 97.8 s in 1 GB and 67.5 / 68.4 / 76.1 s in 64 MB (72.0 s
 * in 128 MB); household's seven 48.6 / 49.9 s against 32.7 / 37.1 s (35.5 / 37.0 s in 128 MB). One
 * index alone (person's province index) took 35–41 s in 1 GB, 74–85 s in 4 GB, 22–24 s in 64 MB.
 * The rows arrive nearly in the order of most indexes; a sort in 64 MB writes many small sorted runs
 * and merges them, one in 1 GB quicksorts runs of hundreds of megabytes, far beyond the CPU's caches,
 * and was the slower here however the figures are explained.
 */
const INDEX_BUILD_MEMORY = '64MB';

/**
 * The generator's index builds get no parallel worker (PostgreSQL's default gives one in 64 MB, the
 * planner's floor being 32 MB a process): two builds at once already fill the two cores, and a
 * worker beside each made two processes per core that sort their halves and merge them at the end.
 * Copies of the national profile's indexes built as buildIndexes builds them, alternating, two runs
 * each: household's seven 30.7 / 30.2 s and 59–60 core-seconds with a worker each, 27.0 / 23.8 s and
 * 47–53 core-seconds without; person's four 62.9 / 64.1 s and 121–123 core-seconds with, 55.5 / 60.6 s
 * and 102–111 without (tests/bench/RESULTS.md, generate, session 55).
 */
const INDEX_BUILD_SETTINGS = { maintenance_work_mem: INDEX_BUILD_MEMORY, max_parallel_maintenance_workers: '0' };

/** The columns an index definition stores per row (keys and INCLUDE; a partial index's WHERE aside). */
const indexColumns = (ix: { definition: string }) => {
  const columns = ix.definition.replace(/ where .*$/i, '');
  return (columns.match(/,/g)?.length ?? 0) + 1 + (/ include \(/i.test(columns) ? 1 : 0);
};

/**
 * Builds `table`'s deferred indexes from their definitions, two at a time (each one process sorting in
 * INDEX_BUILD_MEMORY), each connection taking the next one as it finishes, the widest first (the
 * person indexes of the national profile range from 0.25 to 1.7 GB, and a fixed split could leave
 * one connection idle while the other built two large ones), then analyses it (what autovacuum, off meanwhile, would have done: the foreign key's
 * check and the statements after plan by its statistics), then adds the foreign keys (one join
 * each, checked against the table's finished indexes; adding one waits for an index build on its
 * table anyway), and forgets their definitions (povmap.deferred_index).
 */
async function buildIndexes(db: Db, table: string, deferred: DeferredIndex[]) {
  const queue = deferred.filter((ix) => !isConstraint(ix)).sort((a, b) => indexColumns(b) - indexColumns(a));
  await Promise.all([0, 1].map(async () => {
    for (let ix = queue.shift(); ix; ix = queue.shift()) await withLocalSettings(db, INDEX_BUILD_SETTINGS, ix.definition);
  }));
  await db.raw('analyze ??', [table]);
  for (const fk of deferred.filter(isConstraint)) await withLocalSettings(db, { work_mem: FOREIGN_KEY_CHECK_MEMORY }, fk.definition);
  await db('povmap.deferred_index').whereIn('name', deferred.map((ix) => ix.name)).delete();
}
