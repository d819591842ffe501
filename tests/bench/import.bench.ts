/**
 * `npm run bench -- import`: household files of ROWS lines imported into a throw-away copy of the
 * bench database, against the fastest honest loads of the same rows, alternated in the same run.
 *  (a) Rounds (BENCH_IMPORT_ROUNDS, default 3), each: plain `COPY FROM` of the file into a bare text
 *      table; the floors, the same rows already typed (household's own column types): `COPY` into
 *      `household` itself (heap, primary key, every index, generated columns, foreign key; rolled
 *      back) and `COPY` into an unlogged staging table of household's stored columns (no index,
 *      constraint or generated column; rolled back); then
 *      the import of that round's file with the CLI (its own process, nothing else running). Before
 *      each path that writes household, the table is vacuumed and a checkpoint made (settle). Per
 *      round import rows/s ÷ each floor's rows/s; the medians over the rounds are reported.
 *  (b) One more file uploaded to a server in its own process (tests/bench/tile-server.ts) while it is
 *      probed: cold area tiles and API calls (area summary, household search page). Three windows
 *      walk the same addresses in the same order from the first: idle before the upload, busy during
 *      it, idle after it with as many probes as the busy window had; median and p95 of each with n.
 * The files are synthesised from the copy: its first ROWS households, moved on by a whole number of
 * decades of survey years per file, so each import inserts ROWS new rows. The copy is dropped at the
 * end; the bench database itself is never written to.
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import pg from 'pg';
import { PROJECT_ROOT } from '../../server/config.js';
import { createSession } from '../../server/auth/sessions.js';
import { createUser } from '../../server/auth/users.js';
import { createDb, databaseName, withDatabase } from '../../server/db/knex.js';
import { HOUSEHOLD_FORMAT } from '../../server/imports/formats.js';
import { tileOf } from '../helpers/tiles.js';
import { writeHouseholdFile } from './household-file.js';
import type { BenchContext } from './run.js';
import { median, quantile } from './quantile.js';
import { isNational, profileName } from './profile-name.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
/** Survey years of the file: the copy's years moved on by this much (house codes repeat across years). */
const YEAR_SHIFT = 10;

const ms = (n: number) => n.toFixed(1);

function get(port: number, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    http.get({ host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t) / 1e6) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

export async function run(ctx: BenchContext): Promise<string> {
  const sourceDb = databaseName(ctx.databaseUrl);
  const copyName = `${sourceDb}_importbench`;
  const admin = new pg.Client({ connectionString: withDatabase(ctx.databaseUrl, 'postgres') });
  await admin.connect();
  const lines: string[] = [];
  const file = path.join(os.tmpdir(), `povmap-import-bench-${process.pid}.csv`);
  let server: ReturnType<typeof fork> | null = null;
  try {
    ctx.log(`copying database ${sourceDb} to ${copyName} (template copy)`);
    await admin.query(`drop database if exists ${copyName} with (force)`);
    await admin.query(`create database ${copyName} template ${sourceDb}`);
    const url = withDatabase(ctx.databaseUrl, copyName);
    const db = createDb(url, { max: 2 });
    const [{ n: households }] = await db('household').count({ n: '*' });
    if (Number(households) < ROWS) throw new Error(`${sourceDb} holds ${households} households, fewer than ${ROWS}`);

    // The files: the first ROWS households, YEAR_SHIFT (CLI) or 2 × YEAR_SHIFT (upload) years later.
    const writeFile = async (f: string, shift: number) => {
      ctx.log(`writing a ${ROWS.toLocaleString('en')}-line household file`);
      await writeHouseholdFile(db, f, ROWS, shift);
    };
    const rounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
    const roundFile = (r: number) => `${file}.round${r}`;
    for (let r = 0; r < rounds; r++) await writeFile(roundFile(r), (r + 1) * YEAR_SHIFT);
    const uploadShift = (rounds + 1) * YEAR_SHIFT;
    await writeFile(file, uploadShift);
    const bytes = fs.statSync(file).size;
    ctx.log(`files: ${(bytes / 2 ** 20).toFixed(0)} MB each`);

    // The floors' rows, typed as household stores them (geometry as EWKB hex, integers, booleans).
    const typedColumns = 'survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom, members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders, head_name, national_id';
    const typedFile = `${file}.typed`;
    {
      const conn = await db.client.acquireConnection();
      await pipeline(conn.query(copyTo(`copy (select survey_year + ${(rounds + 2) * YEAR_SHIFT}, ${typedColumns.split(', ').slice(1).join(', ')}
        from (select * from household order by survey_year, house_code limit ${ROWS}) h) to stdout with (format csv)`)), fs.createWriteStream(typedFile));
      db.client.releaseConnection(conn);
    }
    /**
     * Seconds to COPY a file into a table over one connection (and run `after`, timed with it), inside a
     * transaction that is rolled back.
     */
    const copyInto = async (f: string, target: string, setup = '', after: string[] = []) => {
      const conn = await db.client.acquireConnection();
      try {
        await conn.query('begin');
        if (setup) await conn.query(setup);
        const t0 = process.hrtime.bigint();
        await pipeline(fs.createReadStream(f, { highWaterMark: 256 * 1024 }), conn.query(copyFrom(`copy ${target} from stdin with (format csv${f === typedFile ? '' : ', header true'})`)));
        for (const statement of after) await conn.query(statement);
        return Number(process.hrtime.bigint() - t0) / 1e9;
      } finally {
        await conn.query('rollback');
        db.client.releaseConnection(conn);
      }
    };

    /** The CLI in its own process; phases from its progress lines. */
    const viaCli = (f: string, phases: Record<string, number>) => {
      const cli = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/cli/import-file.ts'), 'households', '--file', f], {
        cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      cli.stderr.on('data', (d: Buffer) => {
        output += d;
        for (const line of d.toString().split('\n').filter(Boolean)) {
          const phase = /: (validating|merging|refreshing)…/.exec(line)?.[1] ?? (/ done: /.test(line) ? 'done' : null);
          if (phase) phases[phase] = Date.now();
          ctx.log(`  ${line.replace(/^povmap: /, '')}`);
        }
      });
      return new Promise<void>((resolve, reject) => cli.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`import failed:\n${output.slice(-2000)}`)))));
    };

    // The bulk loader's way in (as the generator does): household's secondary indexes dropped, the rows
    // copied, the indexes built again from their own definitions; the rebuild is timed with the copy.
    const secondaryIndexes: Array<{ indexname: string; indexdef: string }> = (await db.raw(`
      select indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename = 'household' and indexname <> 'household_pkey' order by indexname`)).rows;
    const dropIndexes = secondaryIndexes.map((ix) => `drop index ${ix.indexname}`).join('; ');
    const rebuildIndexes = secondaryIndexes.map((ix) => ix.indexdef);

    /**
     * Before each path that writes household: the table vacuumed and a checkpoint made, so each starts
     * from the same state. A floor's rolled-back COPY leaves a million dead rows in the heap and in
     * every index (the benchmark's own garbage, which no real import follows), and whichever path ran
     * after them paid for them, or for autovacuum's pass over them; right after a checkpoint each path
     * writes the same full-page images to WAL.
     */
    const settle = async () => {
      const t0 = performance.now();
      await db.raw('vacuum household');
      await db.raw('checkpoint');
      ctx.log(`  household vacuumed and a checkpoint made (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    };
    const roundRows: string[] = [];
    const ratios = { bare: [] as number[], household: [] as number[], rebuilt: [] as number[], staging: [] as number[] };
    const span = (phases: Record<string, number>, a: string, b: string) => `${((phases[b] - phases[a]) / 1000).toFixed(1)} s`;
    for (let r = 0; r < rounds; r++) {
      ctx.log(`round ${r + 1}/${rounds}: COPY into a bare text table, COPY of the typed rows into household and into an unlogged staging table, then the CLI import`);
      const bare = await copyInto(roundFile(r), `bench_copy`, `create temp table bench_copy (${HOUSEHOLD_FORMAT.columns.filter((c) => !c.optional).map((c) => `${c.name} text`).join(', ')}) on commit drop`);
      await settle();
      const intoHousehold = await copyInto(typedFile, `household (${typedColumns})`);
      await settle();
      const intoRebuilt = await copyInto(typedFile, `household (${typedColumns})`, dropIndexes, rebuildIndexes);
      const intoStaging = await copyInto(typedFile, `bench_staging (${typedColumns})`,
        `create unlogged table bench_staging as select ${typedColumns} from household with no data`);
      await settle();
      const phases: Record<string, number> = { reading: Date.now() };
      await viaCli(roundFile(r), phases);
      const imported = (phases.refreshing - phases.reading) / 1000;
      ratios.bare.push(bare / imported);
      ratios.household.push(intoHousehold / imported);
      ratios.rebuilt.push(intoRebuilt / imported);
      ratios.staging.push(intoStaging / imported);
      const rate = (sec: number) => `${sec.toFixed(1)} s (${Math.round(ROWS / sec).toLocaleString('en')}/s)`;
      roundRows.push(`| ${r + 1} | ${rate(bare)} | ${rate(intoHousehold)} | ${rate(intoRebuilt)} | ${rate(intoStaging)} | ${rate(imported)} | ${(bare / imported).toFixed(2)} | ${(intoHousehold / imported).toFixed(2)} | ${(intoRebuilt / imported).toFixed(2)} | ${(intoStaging / imported).toFixed(2)} | ${span(phases, 'reading', 'validating')} / ${span(phases, 'validating', 'merging')} / ${span(phases, 'merging', 'refreshing')} / ${span(phases, 'refreshing', 'done')} |`);
      // logged as it goes: a run stopped before the end (the section is written only then) keeps its rounds
      ctx.log(`round ${r + 1} figures: ${roundRows.at(-1)}`);
    }
        // The server in its own process, and what to ask it.
    const user = await createUser(db, { username: 'bench_import_admin', password: 'bench-password-not-used', role: 'admin', pii: true });
    const headers = { authorization: `Bearer ${(await createSession(db, user.id)).token}` };
    const villages: Array<{ code: string; province_code: string; lon: number; lat: number }> = (await db.raw(`
      select code, province_code, st_x(label_point) as lon, st_y(label_point) as lat from admin_area
      where level = 'village' order by md5(code) limit 200`)).rows;
    server = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'tile-server.ts'), [], {
      execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_TILE_DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const reply = () => new Promise<unknown>((resolve) => server!.once('message', resolve));
    const { port } = (await reply()) as { port: number };
    let i = 0;
    /** One probe: a cold tile (cache emptied first) and two API calls; latencies into the lists. */
    const tiles: number[] = [];
    const api: number[] = [];
    const probe = async () => {
      const v = villages[i++ % villages.length];
      const z = 6 + (i % 5);
      const { x, y } = tileOf(v.lon, v.lat, z);
      server!.send('clear');
      await reply();
      tiles.push(await get(port, `/tiles/areas/${z}/${x}/${y}.mvt`, {}));
      api.push(await get(port, `/api/areas/${v.code.slice(0, 4 + 2 * (i % 3))}`, {}));
      api.push(await get(port, `/api/households?province=${v.province_code}&limit=50`, headers));
    };
    /** One window of probes from the first address on, so every window asks for the same addresses in the same order. */
    const measure = async (until: () => boolean, min: number) => {
      tiles.length = 0;
      api.length = 0;
      i = 0;
      for (let n = 0; n < min || !until(); n++) await probe();
      return { tiles: [...tiles], api: [...api] };
    };
    ctx.log('idle latency before the upload');
    await measure(() => true, 20); // warm up
    const idleBefore = await measure(() => true, 150);

    /** An upload to the server (multipart, streamed), then its job polled; phases from its states. */
    const viaUpload = async (phases: Record<string, number>) => {
      const boundary = `----povmapbench${Date.now()}`;
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`);
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const f = file;
      const id = await new Promise<number>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1', port, method: 'POST', path: '/api/imports/households',
          headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + fs.statSync(f).size + tail.length },
        }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => (res.statusCode === 202 ? resolve(JSON.parse(body).id) : reject(new Error(`upload: ${res.statusCode} ${body}`))));
        });
        req.on('error', reject);
        void pipeline(Readable.from((async function* () {
          yield head;
          yield* fs.createReadStream(f, { highWaterMark: 256 * 1024 });
          yield tail;
        })()), req).catch(reject);
      });
      ctx.log(`  uploaded: import ${id}`);
      for (let state = ''; state !== 'done';) {
        await new Promise((r) => setTimeout(r, 250));
        const job = await db('import_job').where({ id }).first('state', 'error');
        if (job.state !== state) {
          state = job.state;
          phases[state] ??= Date.now();
          ctx.log(`  ${state}`);
        }
        if (state === 'failed') throw new Error(`upload import failed: ${job.error}`);
      }
    };

    ctx.log('importing (upload) while probing the server');
    const phases: Record<string, number> = { reading: Date.now() };
    let finished = false;
    const done = viaUpload(phases).finally(() => (finished = true));
    const busy = await measure(() => finished, 20);
    await done;
    ctx.log(`idle latency after the upload: the busy window's ${busy.tiles.length} probes again`);
    const idleAfter = await measure(() => true, busy.tiles.length);
    const job = await db('import_job').orderBy('id', 'desc').first();
    await db.destroy();

    const p95 = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.95);
    const window = (w: { tiles: number[]; api: number[] }) =>
      `${ms(median(w.tiles))} / ${ms(p95(w.tiles))} ms (n = ${w.tiles.length}) | ${ms(median(w.api))} / ${ms(p95(w.api))} ms (n = ${w.api.length})`;
    const uploadSeconds = (phases.refreshing - phases.reading) / 1000;
    lines.push(
      `Database: a template copy of \`${sourceDb}\` (${Number(households).toLocaleString('en')} households${isNational(households) ? '' : ': the demo profile, not the national one'}), dropped afterwards. ` +
      `Files: ${ROWS.toLocaleString('en')} lines (${(bytes / 2 ** 20).toFixed(0)} MB), the copy's first households a decade of survey years later per file.`,
      '',
      `**Import against its floors**, ${rounds} rounds, each path once per round in this order, household vacuumed and a checkpoint made before each path that writes it (seconds and rows/s; ratios are import rows/s ÷ that load's rows/s):`,
      '',
      `| round | COPY FROM file → bare text table | floor: COPY typed → household | floor: ${secondaryIndexes.length} indexes dropped, COPY typed → household, indexes rebuilt | floor: COPY typed → unlogged staging, no index | povmap CLI import, start to merge committed | ÷ bare | ÷ household floor | ÷ drop-and-rebuild floor | ÷ staging floor | states: reading / validating / merging / refreshing |`,
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...roundRows,
      `| **median** | | | | | | **${median(ratios.bare).toFixed(2)}** | **${median(ratios.household).toFixed(2)}** | **${median(ratios.rebuilt).toFixed(2)}** | **${median(ratios.staging).toFixed(2)}** | |`,
      '',
      'The household floor stores the rows where an import must (heap, primary key, every index, generated MPI columns, village foreign key) ' +
      'with no reading, checking or lookups. The drop-and-rebuild floor is the bulk loader\'s alternative (the generator\'s): the same COPY with the ' +
      'secondary indexes dropped first and built again over the whole table after; the faster of the two household floors is the one to beat. The staging floor is the same rows into a table without ' +
      'indexes, constraints or generated columns: the cost of the bytes alone. Goal: import ≥ 0.8 × the faster household floor. The refresh (rollups, hotspots, ' +
      'distances to services) follows the commit and is not in the rates. States are the job\'s, from the CLI start: a household file is checked and merged ' +
      'in parts while it is read, so "reading" holds most of the checking and merging, "validating" the last part\'s check, "merging" its merge and the commit.',
      '',
      `**While importing**: one more file uploaded to the server (${job.inserted} rows inserted, start to merge committed ${uploadSeconds.toFixed(1)} s, ` +
      `end to end ${((phases.done - phases.reading) / 1000).toFixed(1)} s) while it was probed; the three windows walk the same ${villages.length} addresses in the same order from the first ` +
      '(tile caches emptied before every tile; database buffers warm up alike in every window).',
      '',
      '| window | cold area tile median / p95 | API median / p95 (area summary, household page) |',
      '|---|---|---|',
      `| idle, before the upload | ${window(idleBefore)} |`,
      `| busy, during the upload | ${window(busy)} |`,
      `| idle, after the upload (same probes as the busy window) | ${window(idleAfter)} |`,
      '',
      `p95 busy ÷ idle after (same probes): tiles **${(p95(busy.tiles) / p95(idleAfter.tiles)).toFixed(2)}**, API **${(p95(busy.api) / p95(idleAfter.api)).toFixed(2)}** (goal ≤ 2); ` +
      `÷ idle before: tiles ${(p95(busy.tiles) / p95(idleBefore.tiles)).toFixed(2)}, API ${(p95(busy.api) / p95(idleBefore.api)).toFixed(2)}. ` +
      'The upload shares the cores with the probes and the benchmark process that sends the file.',
    );
  } finally {
    if (server) {
      server.send('close');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    for (const f of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(path.basename(file)))) fs.rmSync(path.join(os.tmpdir(), f), { force: true });
    await admin.query(`drop database if exists ${copyName} with (force)`).catch(() => undefined);
    await admin.end();
  }
  return lines.join('\n');
}
