/**
 * `npm run bench -- import`: a 1,000,000-line household file, imported with the CLI (its own
 * process and its own database connection) with nothing else running, then another uploaded to the
 * server (the pipeline runs inside the server process, still on its own connection) while the
 * server is probed, into a throw-away copy of the bench database.
 *  (a) import rows/s ÷ plain `COPY FROM` of the same file into a bare table (text columns, no
 *      index, no constraint), in the same run and database, both with nothing else running;
 *  (b) the floor: INSERT of the same rows, already typed, into household (rolled back), the least
 *      any import into that table costs; import rows/s ÷ floor rows/s;
 *  (c) p95 latency of cold area tiles and of API calls (area summary, household search page) while
 *      the upload runs ÷ the same p95 idle, from a server in its own process (tests/bench/tile-server.ts).
 * The file is synthesised from the copy: its first 1,000,000 households, ten survey years later, so
 * the import inserts 1,000,000 rows (and validates every point against its village). The copy is
 * dropped at the end; the bench database itself is never written to.
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
import { INDICATORS } from '../../server/mpi/indicators.js';
import { tileOf } from '../helpers/tiles.js';
import type { BenchContext } from './run.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
/** Survey years of the file: the copy's years moved on by this much (house codes repeat across years). */
const YEAR_SHIFT = 10;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
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
    const flags = INDICATORS.map((i) => `(deprived >> ${i.number - 1}) & 1`).join(', ');
    const writeFile = async (f: string, shift: number) => {
      ctx.log(`writing a ${ROWS.toLocaleString('en')}-line household file`);
      const select = `select survey_year + ${shift}, house_code, village_code, head_name, national_id, st_x(geom), st_y(geom), members, welfare_card_holders,
        income_per_person, dependents, housing_problem::integer, ${flags}
        from (select * from household order by survey_year, house_code limit ${ROWS}) h`;
      const conn = await db.client.acquireConnection();
      const out = fs.createWriteStream(f);
      out.write(HOUSEHOLD_FORMAT.columns.map((c) => c.name).join(',') + '\n');
      await pipeline(conn.query(copyTo(`copy (${select}) to stdout with (format csv)`)), out);
      db.client.releaseConnection(conn);
    };
    await writeFile(file, YEAR_SHIFT);
    await writeFile(`${file}.2`, 2 * YEAR_SHIFT);
    const bytes = fs.statSync(file).size;
    ctx.log(`file: ${(bytes / 2 ** 20).toFixed(0)} MB`);

    // (a) baseline: plain COPY FROM of the same file into a bare table.
    ctx.log('plain COPY FROM into a bare table');
    const conn = await db.client.acquireConnection();
    await conn.query(`create table bench_copy (${HOUSEHOLD_FORMAT.columns.map((c) => `${c.name} text`).join(', ')})`);
    const t0 = Date.now();
    await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), conn.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')));
    const copySeconds = (Date.now() - t0) / 1000;
    await conn.query('drop table bench_copy');
    db.client.releaseConnection(conn);
    ctx.log(`COPY FROM: ${copySeconds.toFixed(1)} s`);

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
    const measure = async (until: () => boolean, min: number) => {
      tiles.length = 0;
      api.length = 0;
      for (let n = 0; n < min || !until(); n++) await probe();
      return { tiles: [...tiles], api: [...api] };
    };
    ctx.log('idle latency');
    await measure(() => true, 20); // warm up
    const idle = await measure(() => true, 150);

    /** The CLI in its own process; phases from its progress lines. */
    const viaCli = (phases: Record<string, number>) => {
      const cli = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/cli/import-file.ts'), 'households', '--file', file], {
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
    /** An upload to the server (multipart, streamed), then its job polled; phases from its states. */
    const viaUpload = async (phases: Record<string, number>) => {
      const boundary = `----povmapbench${Date.now()}`;
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`);
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const f = `${file}.2`;
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

    const p95 = (xs: number[]) => quantile(xs, 0.95);
    const results: Array<Record<string, string>> = [];
    /** Per column of results: seconds from start to merge committed (the floor ratio needs them). */
    const mergedSeconds: number[] = [];
    for (const [label, start, probed] of [['CLI', viaCli, false], ['upload', viaUpload, true]] as const) {
      ctx.log(`importing (${label})${probed ? ' while probing the server' : ', nothing else running'}`);
      const load0 = os.loadavg()[0];
      const phases: Record<string, number> = { reading: Date.now() };
      let finished = false;
      const done = start(phases).finally(() => (finished = true));
      const busy = probed ? await measure(() => finished, 20) : null;
      await done;
      const t = phases.reading;
      const importRate = ROWS / ((phases.refreshing - t) / 1000);
      const span = (a: string, b: string) => `${((phases[b] - phases[a]) / 1000).toFixed(1)} s`;
      const job = await db('import_job').orderBy('id', 'desc').first();
      mergedSeconds.push((phases.refreshing - t) / 1000);
      results.push({
        rows: `${Number(job.inserted).toLocaleString('en')} inserted, ${Number(job.rows_rejected).toLocaleString('en')} rejected`,
        merged: `${((phases.refreshing - t) / 1000).toFixed(1)} s, ${Math.round(importRate).toLocaleString('en')} rows/s`,
        ratio: `**${(importRate / (ROWS / copySeconds)).toFixed(2)}**`,
        phases: `${span('reading', 'validating')} / ${span('validating', 'merging')} / ${span('merging', 'refreshing')} / ${span('refreshing', 'done')}`,
        total: `${((phases.done - t) / 1000).toFixed(1)} s`,
        tiles: busy ? `${ms(p95(idle.tiles))} ms / ${ms(p95(busy.tiles))} ms (n = ${busy.tiles.length})` : 'not probed',
        tileRatio: busy ? `**${(p95(busy.tiles) / p95(idle.tiles)).toFixed(2)}**` : 'not probed',
        api: busy ? `${ms(p95(idle.api))} ms / ${ms(p95(busy.api))} ms (n = ${busy.api.length})` : 'not probed',
        apiRatio: busy ? `**${(p95(busy.api) / p95(idle.api)).toFixed(2)}**` : 'not probed',
        load: `${load0.toFixed(2)} / ${os.loadavg()[0].toFixed(2)}`,
      });
    }

    // (c) the floor: the same rows, already typed (as import_valid holds them), inserted into
    // household with no reading, no checks and no lookups; rolled back. Every import pays at least this
    // (heap, primary key, six indexes, generated MPI columns, the village foreign key).
    ctx.log('floor: INSERT of the same rows, typed, into household (rolled back)');
    const floorConn = await db.client.acquireConnection();
    await floorConn.query('begin');
    await floorConn.query(`create temp table floor_rows on commit drop as
      select survey_year + ${3 * YEAR_SHIFT} as survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
             geom, members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders, head_name, national_id
      from (select * from household order by survey_year, house_code limit ${ROWS}) h`);
    const t1 = Date.now();
    await floorConn.query(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
             geom, members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders, head_name, national_id)
      select * from floor_rows`);
    const floorSeconds = (Date.now() - t1) / 1000;
    await floorConn.query('rollback');
    db.client.releaseConnection(floorConn);
    ctx.log(`floor: ${floorSeconds.toFixed(1)} s`);
    results.forEach((r, i) => (r.floorRatio = `**${(floorSeconds / mergedSeconds[i]).toFixed(2)}**`));
    await db.destroy();
    const row = (name: string, key: string) => `| ${name} | ${results.map((r) => r[key]).join(' | ')} |`;
    lines.push(
      `Database: a template copy of \`${sourceDb}\` (${Number(households).toLocaleString('en')} households${Number(households) < 12_000_000 ? ': the demo profile, not the national one' : ''}), dropped afterwards. ` +
      `Files: ${ROWS.toLocaleString('en')} lines (${(bytes / 2 ** 20).toFixed(0)} MB), the copy's first households ${YEAR_SHIFT} (CLI) and ${2 * YEAR_SHIFT} (upload) survey years later. ` +
      `Plain \`COPY FROM\` of the same file into a bare table (text columns, no index): ${copySeconds.toFixed(1)} s, ${Math.round(ROWS / copySeconds).toLocaleString('en')} rows/s. ` +
      `Floor: \`INSERT\` of the same rows, already typed, into \`household\` (no reading, no checks; rolled back): ${floorSeconds.toFixed(1)} s, ` +
      `${Math.round(ROWS / floorSeconds).toLocaleString('en')} rows/s, **${(copySeconds / floorSeconds).toFixed(2)}** × the COPY rate: no import into this table can do better. ` +
      `Idle p95 sampled before the imports (n = ${idle.tiles.length} tiles, ${idle.api.length} API calls); ${os.cpus().length} cores shared with other work.`,
      '',
      '| measure | CLI (own process, nothing else running) | upload (inside the server, server probed meanwhile) |',
      '|---|---|---|',
      row('rows', 'rows'),
      row('start to merge committed (read, stage, validate, merge)', 'merged'),
      row('import rows/s ÷ COPY FROM rows/s (goal ≥ 0.5)', 'ratio'),
      row('import rows/s ÷ floor rows/s (INSERT of the typed rows into household)', 'floorRatio'),
      row('phases: reading + staging / validating / merging / refreshing (rollups, hotspots, service distances)', 'phases'),
      row('end to end', 'total'),
      row('cold area tile p95: idle / during', 'tiles'),
      row('tile p95 during ÷ idle (goal ≤ 2)', 'tileRatio'),
      row('API p95 (area summary, household page): idle / during', 'api'),
      row('API p95 during ÷ idle (goal ≤ 2)', 'apiRatio'),
      row('load average (1 min) at start / end', 'load'),
      '',
      'A bare-table COPY FROM stores text; an import must also store every row in `household`: the heap, the ' +
      'primary key, six indexes, the generated MPI columns and the village foreign key. The floor row measures that ' +
      'storage alone, with the rows already typed; its ratio to COPY FROM is the most any import into this table ' +
      'can reach, and "import ÷ floor" is what reading, staging and checking cost on top of it. The phases show where ' +
      'the time goes. The refresh (rollups, hotspots, then distances to services for the new year) follows the commit ' +
      'and is not in the rate. The upload column includes sending the file over HTTP from the benchmark process, ' +
      'and shares the 2 cores with the probes.',
    );
  } finally {
    if (server) {
      server.send('close');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.2`, { force: true });
    fs.rmSync(`${file}.rejects.csv`, { force: true });
    await admin.query(`drop database if exists ${copyName} with (force)`).catch(() => undefined);
    await admin.end();
  }
  return lines.join('\n');
}
