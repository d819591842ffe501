/**
 * `npm run bench -- import`: a 1,000,000-line household file, imported with the CLI (its own
 * process and its own database connection) into a throw-away copy of the bench database.
 *  (a) import rows/s ÷ plain `COPY FROM` of the same file into a bare table (text columns, no
 *      index, no constraint), in the same run and database;
 *  (b) p95 latency of cold area tiles and of API calls (area summary, household search page) while
 *      the import runs ÷ the same p95 idle (sampled before and after the import: the machine is
 *      shared), from a server in its own process (tests/bench/tile-server.ts).
 * The file is synthesised from the copy: its first 1,000,000 households, ten survey years later, so
 * the import inserts 1,000,000 rows (and validates every point against its village). The copy is
 * dropped at the end; the bench database itself is never written to.
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
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

    // The file: the first ROWS households, YEAR_SHIFT years later, in the import format.
    ctx.log(`writing a ${ROWS.toLocaleString('en')}-line household file`);
    const flags = INDICATORS.map((i) => `(deprived >> ${i.number - 1}) & 1`).join(', ');
    const select = `select survey_year + ${YEAR_SHIFT}, house_code, village_code, head_name, national_id, st_x(geom), st_y(geom), members, welfare_card_holders,
      income_per_person, dependents, housing_problem::integer, ${flags}
      from (select * from household order by survey_year, house_code limit ${ROWS}) h`;
    {
      const conn = await db.client.acquireConnection();
      const out = fs.createWriteStream(file);
      out.write(HOUSEHOLD_FORMAT.columns.map((c) => c.name).join(',') + '\n');
      await pipeline(conn.query(copyTo(`copy (${select}) to stdout with (format csv)`)), out);
      db.client.releaseConnection(conn);
    }
    const bytes = fs.statSync(file).size;
    ctx.log(`file: ${(bytes / 2 ** 20).toFixed(0)} MB`);

    // (a) baseline: plain COPY FROM of the same file into a bare table.
    ctx.log('plain COPY FROM into a bare table');
    const conn = await db.client.acquireConnection();
    await conn.query(`create table bench_copy (${HOUSEHOLD_FORMAT.columns.map((c) => `${c.name} text`).join(', ')})`);
    let t = Date.now();
    await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), conn.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')));
    const copySeconds = (Date.now() - t) / 1000;
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

    // (b) the import, with probes running until it ends.
    ctx.log('importing with the CLI while probing the server');
    const load0 = os.loadavg();
    t = Date.now();
    const phases: Record<string, number> = { reading: Date.now() };
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
    let exited: number | null | undefined;
    const exit = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve((exited = code))));
    const busy = await measure(() => exited !== undefined, 20);
    const code = await exit;
    const importSeconds = (Date.now() - t) / 1000;
    const load1 = os.loadavg();
    // Idle again after the import: the machine is shared, so idle is sampled on both sides of it.
    ctx.log('idle latency again');
    const after = await measure(() => true, 150);
    idle.tiles.push(...after.tiles);
    idle.api.push(...after.api);
    if (code !== 0) throw new Error(`import failed:\n${output.slice(-2000)}`);
    const mergeSeconds = (phases.refreshing - t) / 1000;
    const span = (a: string, b: string) => `${((phases[b] - phases[a]) / 1000).toFixed(1)} s`;
    const job = await db('import_job').orderBy('id', 'desc').first();
    await db.destroy();

    const copyRate = ROWS / copySeconds;
    const importRate = ROWS / mergeSeconds;
    const p95 = (xs: number[]) => quantile(xs, 0.95);
    lines.push(
      `Database: a template copy of \`${sourceDb}\` (${Number(households).toLocaleString('en')} households${Number(households) < 12_000_000 ? ': the demo profile, not the national one' : ''}), dropped afterwards. ` +
      `File: ${ROWS.toLocaleString('en')} lines (${(bytes / 2 ** 20).toFixed(0)} MB), the copy's first households ${YEAR_SHIFT} survey years later: ` +
      `${Number(job.inserted).toLocaleString('en')} inserted, ${Number(job.rows_rejected).toLocaleString('en')} rejected. ` +
      `Load average (1 min) ${load0[0].toFixed(2)} before the import, ${load1[0].toFixed(2)} after (${os.cpus().length} cores, shared with other work).`,
      '',
      '| measure | value |',
      '|---|---|',
      `| plain \`COPY FROM\` into a bare table | ${copySeconds.toFixed(1)} s, ${Math.round(copyRate).toLocaleString('en')} rows/s |`,
      `| import, start to merge committed (read, stage, validate, merge) | ${mergeSeconds.toFixed(1)} s, ${Math.round(importRate).toLocaleString('en')} rows/s |`,
      `| import rows/s ÷ COPY FROM rows/s (goal ≥ 0.5) | **${(importRate / copyRate).toFixed(2)}** |`,
      `| phases: reading + staging / validating / merging / refreshing rollups and hotspots | ${span('reading', 'validating')} / ${span('validating', 'merging')} / ${span('merging', 'refreshing')} / ${span('refreshing', 'done')} |`,
      `| import end to end (with process start, rollups, hotspots) | ${importSeconds.toFixed(1)} s |`,
      `| cold area tile p95: idle / during the import (n = ${idle.tiles.length} / ${busy.tiles.length}) | ${ms(p95(idle.tiles))} ms / ${ms(p95(busy.tiles))} ms |`,
      `| tile p95 during ÷ idle (goal ≤ 2) | **${(p95(busy.tiles) / p95(idle.tiles)).toFixed(2)}** |`,
      `| API p95 (area summary, household page): idle / during (n = ${idle.api.length} / ${busy.api.length}) | ${ms(p95(idle.api))} ms / ${ms(p95(busy.api))} ms |`,
      `| API p95 during ÷ idle (goal ≤ 2) | **${(p95(busy.api) / p95(idle.api)).toFixed(2)}** |`,
      '',
      'COPY FROM into a bare text table is the floor of the work; the import also parses in Node, checks every ' +
      'field and every point against its village in SQL, and upserts into `household` (primary key, six indexes, ' +
      'generated MPI columns) in one transaction, so its rate is a fraction of it: the phases show where the time goes. ' +
      'Rollups and hotspots are refreshed concurrently after the commit and are not in the rate. The import is the CLI ' +
      '(its own process and connection); an upload runs the same pipeline inside the server process.',
    );
  } finally {
    if (server) {
      server.send('close');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.rejects.csv`, { force: true });
    await admin.query(`drop database if exists ${copyName} with (force)`).catch(() => undefined);
    await admin.end();
  }
  return lines.join('\n');
}
