/**
 * `npm run bench -- generate`: how long generating a profile takes (BENCH_GENERATE_PROFILE: demo by
 * default, tiny or national) and where the time goes: every phase of server/generate/generate.ts and
 * of the derivations `npm start` makes after it (server/generate/derive.ts), with rows per second.
 * Issue 18's goal: the national profile and everything derived from it in ≤ 5 minutes on 2 cores.
 *
 * The baseline, measured in the same run on the rows just made: the floor of writing them, the cost of
 * the bytes alone. Each of household and person is copied out to files (COPY … TO, two halves by
 * province) and copied back into an empty unlogged copy of the table without indexes (generated
 * columns computed, as the generator's inserts compute them), the two halves on two connections at
 * once as the generator uses both cores. Ratio: the generator's writing phases ÷ that floor.
 *
 * Everything runs in a scratch database on the bench database's server (`<bench db>_scratch_generate`),
 * made fresh and dropped at the end, whatever happens; unless BENCH_GENERATE_KEEP names a database:
 * after a run that finished, the scratch database takes that name (replacing any database of that
 * name), so one national run gives both the figures and the database the other benchmarks read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, databaseName, withDatabase, type Db } from '../../server/db/knex.js';
import { migrate } from '../../server/db/migrate.js';
import { deriveAfterGeneration } from '../../server/generate/derive.js';
import { generate, type Progress } from '../../server/generate/generate.js';
import { busyPercent, phaseTimeText, type PhaseTime } from '../../server/generate/phase-clock.js';
import { DEFAULT_SEED, PROFILES, isProfileName } from '../../server/generate/profiles.js';
import type { BenchContext } from './run.js';

/**
 * Printed under the server's WAL level, which the index phases depend on (server/db/replica-cluster.ts
 * switches it; one index of person on the national profile: 59 s and 1.3 GB of WAL at replica, 41 s at minimal).
 */
const WAL_LEVEL_NOTE = '`npm start` makes its private cluster with `minimal`; the first `npm test` turns it to `replica` '
  + '(its streaming replica), under which every index build is written to WAL too, so the index phases take longer there.';

/** What each phase's time grows with (how it scales to the national profile). */
const SCALES: Record<string, string> = {
  reset: 'the previous data set (truncate)',
  names: 'fixed',
  areas: 'per village (fixed: the full geography in every profile)',
  villages: 'per village',
  households_and_people: 'per household and person (the two COPYs at once)',
  household_indexes: 'per household',
  person_indexes: 'per person',
  vacuum: 'per household and person',
  services: 'per village',
  assistance: 'per target household',
  area_context: 'per area',
  rollups: 'per household and person',
  checksum: 'per area, service and village (the households and people are hashed as they are written)',
};

/** Issue 18's goal for the national profile and its derivations on 2 cores. */
const GOAL_SECONDS = 300;

/** Rows written per second where a phase writes rows (households and people: both kinds, counted together). */
const ROWS_OF: Record<string, Array<'households' | 'persons'>> = { households_and_people: ['households', 'persons'] };

/** Seconds to copy `table`'s rows back into an empty unlogged copy without indexes, two halves at once. */
async function writeFloor(url: string, db: Db, table: 'household' | 'person', dir: string, log: (m: string) => void): Promise<{ out: number; back: number; bytes: number }> {
  const files = [0, 1].map((half) => path.join(dir, `${table}-${half}.copy`));
  const copy = `${table}_floor`;
  await db.raw(`drop table if exists ${copy}`);
  await db.raw(`create unlogged table ${copy} (like ${table} including defaults including generated)`);
  const clients = await Promise.all([0, 1].map(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  try {
    // every stored column; the generated ones are computed again on the way in, as the generator's inserts compute them
    const { rows: [{ list }] } = await db.raw(`select string_agg(quote_ident(attname), ', ' order by attnum) as list from pg_attribute
      where attrelid = '${table}'::regclass and attnum > 0 and not attisdropped and attgenerated = ''`);
    let t = performance.now();
    await Promise.all(clients.map((c, half) =>
      c.query(`copy (select ${list} from ${table} where province_code::integer % 2 = ${half}) to '${files[half]}'`)));
    const out = (performance.now() - t) / 1000;
    t = performance.now();
    await Promise.all(clients.map((c, half) => c.query(`copy ${copy} (${list}) from '${files[half]}'`)));
    const back = (performance.now() - t) / 1000;
    const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
    log(`${table}: copied out in ${out.toFixed(1)} s, back into an empty unlogged copy in ${back.toFixed(1)} s (${(bytes / 2 ** 20).toFixed(0)} MiB)`);
    return { out, back, bytes };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    for (const f of files) fs.rmSync(f, { force: true });
    await db.raw(`drop table if exists ${copy}`);
  }
}

export async function run(ctx: BenchContext): Promise<string> {
  const profileName = process.env.BENCH_GENERATE_PROFILE ?? 'demo';
  if (!isProfileName(profileName)) throw new Error(`BENCH_GENERATE_PROFILE must be demo, tiny or national, got "${profileName}"`);
  const profile = PROFILES[profileName];
  const keep = process.env.BENCH_GENERATE_KEEP;
  if (keep !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(keep)) throw new Error(`BENCH_GENERATE_KEEP must be a database name (lower-case letters, digits, _), got "${keep}"`);
  const scratch = `${databaseName(ctx.databaseUrl)}_scratch_generate`;
  const url = withDatabase(ctx.databaseUrl, scratch);
  const admin = new pg.Client({ connectionString: withDatabase(ctx.databaseUrl, 'postgres') });
  await admin.connect();
  // the server writes and reads the floor's files itself (COPY … TO/FROM a file): a folder it may use
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-generate-bench-'));
  fs.chmodSync(dir, 0o777);
  let finished = false;
  try {
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.query(`create database ${scratch} encoding 'UTF8' template template0`);
    const db = createDb(url, { max: 4 });
    try {
      await migrate(db);
      ctx.log(`generating the ${profile.name} profile (seed ${DEFAULT_SEED}) into ${scratch}`);
      const progress: Progress = {
        phase: (name) => ctx.log(name),
        phaseDone: (time) => ctx.log(`  ${time.phase}: ${phaseTimeText(time)}`),
        rows() {},
      };
      const started = performance.now();
      const result = await generate(db, profile, DEFAULT_SEED, progress);
      const derived = await deriveAfterGeneration(db, ctx.log);
      const wall = (performance.now() - started) / 1000;
      const { rows: [{ size }] } = await db.raw('select pg_size_pretty(pg_database_size(current_database())) as size');
      const { rows: [{ wal_level: walLevel }] } = await db.raw('show wal_level');

      ctx.log('the floor: the same rows copied out and back into empty unlogged tables');
      const household = await writeFloor(url, db, 'household', dir, ctx.log);
      const person = await writeFloor(url, db, 'person', dir, ctx.log);

      const phases: PhaseTime[] = [...result.phases, ...derived];
      const busy = (p: PhaseTime) => {
        const percent = busyPercent(p);
        return percent === undefined ? '' : `${(p.busyMs! / 1000).toFixed(1)} core-s (${percent} %)`;
      };
      const ms = (key: string) => result.phases.find((p) => p.phase === key)?.ms ?? 0;
      const sum = (part: PhaseTime['part']) => phases.filter((p) => p.part === part).reduce((s, p) => s + p.ms, 0) / 1000;
      const count = { households: result.households, persons: result.persons };
      const rows = phases.map((p) => {
        const of = p.part === 'generate' ? ROWS_OF[p.phase] : undefined;
        const rate = of && p.ms > 0 ? `${Math.round(of.reduce((n, k) => n + count[k], 0) / (p.ms / 1000)).toLocaleString('en')} rows/s` : '';
        const scales = p.part === 'generate' ? SCALES[p.phase] ?? '' : '';
        return `| ${p.part} | ${p.phase} | ${(p.ms / 1000).toFixed(1)} s | ${busy(p)} | ${rate} | ${scales} |`;
      });
      const busySum = phases.reduce((s, p) => s + (p.busyMs ?? 0), 0) / 1000;
      const cores = phases[0]?.cores ?? 0;
      const writing = ms('households_and_people') / 1000;
      const floor = household.back + person.back;
      const section = [
        `Profile **${profile.name}** (${result.households.toLocaleString('en')} household rows, ${result.persons.toLocaleString('en')} people; `
        + `seed ${DEFAULT_SEED}) generated into a fresh scratch database (${size} at the end), then what \`npm start\` derives from it. `
        + `Wall time ${wall.toFixed(1)} s: generation ${sum('generate').toFixed(1)} s, derivations ${sum('derive').toFixed(1)} s. `
        + `Checksum \`${result.checksum}\`. Issue 18's goal (the national profile and its derivations ≤ 300 s on 2 cores) is for the national profile.`,
        '',
        `The server ran with \`wal_level = ${walLevel}\`. ${WAL_LEVEL_NOTE}`,
        '',
        '| part | phase | time | cores busy (share of the machine) | rows/s | grows with |',
        '|---|---|---:|---:|---:|---|',
        ...rows,
        '',
        `The machine's ${cores} cores were busy ${busySum.toFixed(0)} core-seconds over the ${wall.toFixed(1)} s `
        + `(${(100 * busySum / (wall * cores)).toFixed(0)} % of what they could give; every process counted, this one's, the database's `
        + `and anything else running). At the same work, ${GOAL_SECONDS} s would take ${(busySum / (GOAL_SECONDS * cores) * 100).toFixed(0)} % `
        + `of ${cores} cores: where that is over 100 %, only less work reaches the goal.`,
        '',
        'The floor, measured in the same run on the same rows (two halves by province on two connections at once, '
        + 'into an empty unlogged copy of the table without indexes, generated columns computed):',
        '',
        '| table | COPY out | COPY back (the floor) | bytes |',
        '|---|---:|---:|---:|',
        `| household | ${household.out.toFixed(1)} s | ${household.back.toFixed(1)} s | ${(household.bytes / 2 ** 20).toFixed(0)} MiB |`,
        `| person | ${person.out.toFixed(1)} s | ${person.back.toFixed(1)} s | ${(person.bytes / 2 ** 20).toFixed(0)} MiB |`,
        '',
        `Writing the households and people (phase households_and_people) ÷ the floor: **${(writing / floor).toFixed(2)}** `
        + `(${writing.toFixed(1)} s ÷ ${floor.toFixed(1)} s); all of generation ÷ the floor: ${(sum('generate') / floor).toFixed(2)}; `
        + `generation and derivations ÷ the floor: ${((sum('generate') + sum('derive')) / floor).toFixed(2)}.`,
      ].join('\n');
      finished = true;
      return section;
    } finally {
      await db.destroy();
    }
  } finally {
    if (keep && finished) {
      // only a finished run's database is kept (the section is then written too)
      await admin.query(`drop database if exists ${keep} with (force)`);
      await admin.query(`alter database ${scratch} rename to ${keep}`);
      ctx.log(`kept the generated database as ${keep}`);
    }
    await admin.query(`drop database if exists ${scratch} with (force)`).catch(() => undefined);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
