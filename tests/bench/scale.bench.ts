/**
 * `npm run bench -- scale`: what several server processes and a read replica change, side by side
 * in one run on the same data:
 *   - warm tile throughput (wrk, every tile already in each worker's cache) and API p95 (a Node
 *     client, 8 concurrent keep-alive connections) with 1 and with 2 server processes on the primary;
 *   - the same with 1 process reading from the streaming replica of the private cluster (the one
 *     `npm test` makes, server/db/replica-cluster.ts);
 *   - replication lag during a real import (BENCH_SCALE_IMPORT_ROWS households through the CLI into a
 *     template copy of the database), sampled every 100 ms from the primary's pg_stat_replication.
 * BENCH_SCALE_SECONDS (default 10) is the length of each load phase.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT, loadConfig } from '../../server/config.js';
import { clusterFor, clusterUrl } from '../../server/db/cluster.js';
import { createDb, databaseName, withDatabase, type Db } from '../../server/db/knex.js';
import { replicaFor } from '../../server/db/replica-cluster.js';
import { writeHouseholdFile } from './household-file.js';
import { quantile } from './quantile.js';
import type { BenchContext } from './run.js';
import { tilesAroundVillages } from './village-tiles.js';
import { wrkScript } from './wrk-script.js';
import { ensureWrk, WRK } from './debian-tools.js';

const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 10);
const CONNECTIONS = 8;
/** Rows of the household file imported while the replica's lag is sampled. */
const IMPORT_ROWS = Number(process.env.BENCH_SCALE_IMPORT_ROWS ?? 200_000);
const here = path.dirname(fileURLToPath(import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function benchPaths(db: Db): Promise<{ tiles: string[]; api: string[] }> {
  const villages = (await db.raw(`select code, province_code, district_code, st_x(label_point) as lon, st_y(label_point) as lat
                                  from admin_area where level = 'village' order by md5(code) limit 40`)).rows as
    Array<{ code: string; province_code: string; district_code: string; lon: number; lat: number }>;
  const tiles = tilesAroundVillages(villages);
  const names = (await db.raw(`select name_en from admin_area where level = 'district' order by md5(code) limit 5`)).rows as Array<{ name_en: string }>;
  const api = ['/api/areas/TH', '/api/areas/TH/children', '/api/rankings?level=province'];
  for (const v of villages.slice(0, 10)) api.push(`/api/areas/${v.province_code}`, `/api/areas/${v.district_code}/children`, `/api/areas/${v.code}`);
  for (const n of names) api.push(`/api/search?q=${encodeURIComponent(n.name_en.slice(0, 5))}`);
  return { tiles, api };
}

function get(agent: http.Agent | false, port: number, urlPath: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: urlPath, agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
    }).on('error', reject);
  });
}

async function startServer(databaseUrl: string, workers: number, replicaUrl?: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'scale-server.ts')], {
    env: { ...process.env, BENCH_SCALE_WORKERS: String(workers), BENCH_SCALE_PORT: String(port), BENCH_SCALE_DATABASE_URL: databaseUrl, ...(replicaUrl ? { BENCH_SCALE_REPLICA_URL: replicaUrl } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => { if (c.toString().includes('ready')) resolve(); });
    child.once('exit', (code) => reject(new Error(`the bench server stopped (exit code ${code})`)));
  });
  return { port, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Each path asked `times` times in a row, each on a new connection: the cluster hands connections to
 * the workers in turn, so every worker gets (and caches) every path. (Rounds over the whole list would
 * send a path to the same worker every round whenever the list's length is a multiple of the workers.)
 */
async function warm(port: number, paths: string[], times: number): Promise<void> {
  for (const p of paths) for (let i = 0; i < times; i++) await get(false, port, p);
}

async function wrkRps(port: number, script: string): Promise<number> {
  const out = execFileSync(WRK, ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-s', script, `http://127.0.0.1:${port}`], { encoding: 'utf8' });
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  if (non2xx) throw new Error(`wrk saw ${non2xx} non-2xx responses`);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
}

/** API latencies: CONNECTIONS loops over the paths for SECONDS on keep-alive connections. */
async function apiLatencies(port: number, paths: string[]): Promise<{ n: number; p50: number; p95: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const times: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < until) {
      const r = await get(agent, port, paths[next++ % paths.length]);
      if (r.status !== 200) throw new Error(`an API read answered ${r.status}`);
      times.push(r.ms);
    }
  }));
  agent.destroy();
  times.sort((a, b) => a - b);
  return { n: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

interface Row { setup: string; tileRps: number; api: { n: number; p50: number; p95: number } }

async function measure(ctx: BenchContext, setup: string, workers: number, script: string, tiles: string[], api: string[], replicaUrl?: string): Promise<Row> {
  const { port, child } = await startServer(ctx.databaseUrl, workers, replicaUrl);
  try {
    ctx.log(`${setup}: warming ${tiles.length} tiles and ${api.length} API paths`);
    await warm(port, [...tiles, ...api], 2 * workers);
    const tileRps = await wrkRps(port, script);
    const lat = await apiLatencies(port, api);
    ctx.log(`${setup}: ${tileRps.toFixed(0)} warm tiles/s; API p50 ${lat.p50.toFixed(1)} ms, p95 ${lat.p95.toFixed(1)} ms (${lat.n} requests)`);
    return { setup, tileRps, api: lat };
  } finally {
    await stopServer(child);
  }
}

/**
 during a real import: the household CLI (staging, validation, merge, refresh) run on
 * a template copy of the bench database, on the same primary, while pg_stat_replication is sampled
 * every 100 ms. The copy keeps the bench database unchanged; it is made and replayed on the replica
 * before the import starts, and dropped at the end.
 */
async function lagDuringImport(ctx: BenchContext, primaryUrl: string, replicaUrl: string) {
  const source = databaseName(primaryUrl);
  const copyName = `${source}_scalebench`;
  const admin = createDb(withDatabase(primaryUrl, 'postgres'), { max: 1 });
  const file = path.join(os.tmpdir(), `povmap-scale-import-${process.pid}.csv`);
  const samples: Array<{ bytes: number; replaySeconds: number | null }> = [];
  try {
    ctx.log(`copying ${source} to ${copyName} for the import (template copy)`);
    await admin.raw(`drop database if exists ${copyName} with (force)`);
    await admin.raw(`create database ${copyName} template ${source}`);
    const copyUrl = withDatabase(primaryUrl, copyName);
    const copy = createDb(copyUrl, { max: 2 });
    let newestYear: number;
    try {
      newestYear = Number((await copy.raw('select max(survey_year) as y from household')).rows[0].y);
      ctx.log(`writing a ${IMPORT_ROWS.toLocaleString('en')}-line household file`);
      await writeHouseholdFile(copy, file, IMPORT_ROWS, 10);
    } finally {
      await copy.destroy();
    }
    const caughtUp = async () => Number((await admin.raw(`select coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::float8 as b from pg_stat_replication`)).rows[0].b) === 0;
    while (!(await caughtUp())) await new Promise((res) => setTimeout(res, 200));
    let importing = true;
    const sampler = (async () => {
      while (importing) {
        const { rows: r } = await admin.raw(`select pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 as bytes,
                                                   extract(epoch from replay_lag)::float8 as replay_s from pg_stat_replication limit 1`);
        if (r[0]) samples.push({ bytes: r[0].bytes, replaySeconds: r[0].replay_s });
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    ctx.log('importing it with the CLI while the replica is sampled');
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const cli = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/cli/import-file.ts'), 'households', '--file', file], {
        cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: copyUrl }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let output = '';
      cli.stderr!.on('data', (d: Buffer) => (output += d));
      cli.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`import failed:\n${output.slice(-2000)}`))));
    });
    const done = performance.now();
    importing = false;
    await sampler;
    // the imported rows on the replica, and when
    const replica = createDb(withDatabase(replicaUrl, copyName), { max: 1 });
    try {
      // the file's years are the copy's moved on by 10, so every imported row is newer than newestYear
      let seen = 0;
      while (seen < IMPORT_ROWS) {
        seen = Number((await replica.raw('select count(*) as n from household where survey_year > ?', [newestYear])).rows[0].n);
        if (seen < IMPORT_ROWS) await new Promise((res) => setTimeout(res, 50));
      }
      const visible = performance.now();
      return {
        rows: IMPORT_ROWS, importSeconds: (done - started) / 1000, visibleAfterMs: visible - done,
        maxBytes: Math.max(0, ...samples.map((s) => s.bytes)), maxReplaySeconds: Math.max(0, ...samples.map((s) => s.replaySeconds ?? 0)), samples: samples.length,
      };
    } finally {
      await replica.destroy();
    }
  } finally {
    fs.rmSync(file, { force: true });
    await admin.raw(`drop database if exists ${copyName} with (force)`).catch(() => undefined);
    await admin.destroy();
  }
}

export async function run(ctx: BenchContext): Promise<string> {
  ensureWrk();
  const config = loadConfig();
  const replicaUrl = process.env.BENCH_REPLICA_URL
    ?? (config.databaseUrl ? undefined : clusterUrl(replicaFor(clusterFor(config.dataDir)), databaseName(ctx.databaseUrl)));
  const db = createDb(ctx.databaseUrl, { max: 1 });
  const households = Number((await db.raw('select count(*) as n from household')).rows[0].n);
  const { tiles, api } = await benchPaths(db).finally(() => db.destroy());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-scale-'));
  try {
    const script = wrkScript(dir, 'tiles', tiles);
    const rows: Row[] = [];
    rows.push(await measure(ctx, '1 process, primary', 1, script, tiles, api));
    rows.push(await measure(ctx, '2 worker processes, primary', 2, script, tiles, api));
    if (replicaUrl) rows.push(await measure(ctx, '1 process, reads from the replica', 1, script, tiles, api, replicaUrl));
    const lag = replicaUrl ? await lagDuringImport(ctx, ctx.databaseUrl, replicaUrl) : undefined;
    const base = rows[0];
    return [
      `Database \`${databaseName(ctx.databaseUrl)}\` (${households.toLocaleString('en')} household rows). Each setup: a fresh server in its own process(es), every path`,
      `warmed on every worker, then wrk -t1 -c${CONNECTIONS} for ${SECONDS} s over ${tiles.length} warm tile addresses, then ${SECONDS} s of API reads`,
      `(${api.length} paths: area summaries and children, province rankings, place search) from ${CONNECTIONS} keep-alive connections.`,
      'wrk, the API client and PostgreSQL share the same 2 cores with the server, so a second worker competes with them.',
      '',
      '| setup | warm tiles/s | × 1 process | API p50 | API p95 | × 1 process (p95) | API requests |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.setup} | ${r.tileRps.toFixed(0)} | ${(r.tileRps / base.tileRps).toFixed(2)} | ${r.api.p50.toFixed(1)} ms | ${r.api.p95.toFixed(1)} ms | ${(r.api.p95 / base.api.p95).toFixed(2)} | ${r.api.n} |`),
      '',
      lag
        ? `Replication lag during a real import of ${lag.rows.toLocaleString('en')} household rows (the CLI on a template copy of the database: staging, validation, merge, refresh; ${lag.importSeconds.toFixed(1)} s): ` +
          `at most ${(lag.maxBytes / 2 ** 20).toFixed(1)} MiB of WAL not yet replayed and a replay_lag of at most ${lag.maxReplaySeconds.toFixed(2)} s ` +
          `(${lag.samples} samples every 100 ms); every imported row was readable on the replica ${lag.visibleAfterMs.toFixed(0)} ms after the import finished.`
        : 'No replica (DATABASE_URL names an external server and BENCH_REPLICA_URL is unset): replica rows and lag not measured.',
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
