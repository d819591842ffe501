/**
 * `npm run bench -- tiles`: vector tiles on the national profile, measured side by side.
 *  (a) cold: each tile through the server (its own process, HTTP, empty cache: query + gzip +
 *      response) against the identical prepared statement with the same parameters run directly on
 *      PostgreSQL over the same connection string, interleaved tile by tile so both see the same
 *      buffer cache;
 *  (b) warm: wrk throughput on the cached tiles against nginx serving the same gzip bytes from disk
 *      (one nginx worker vs the one Node thread, same wrk script and connections), and against a
 *      bare Node HTTP server answering the same bytes from memory (bare-node-server.ts): the gap to
 *      nginx split into povmap's own cost and Node's. Each server gets an unmeasured run first (JIT,
 *      sockets), the order of the three rotates from run to run, and where the machine has two cores
 *      the servers share the first and wrk has the second (taskset). Measured in a fixed order,
 *      unpinned and without the warm-up, the same server gave 15.7k-17.8k req/s in one session and
 *      24k-27k with them (tests/bench/RESULTS.md, "tiles");
 *  (c) gzipped and raw tile sizes per zoom.
 * The tile addresses are fixed: tiles around sampled areas' label points (md5 order of code), z4–z14.
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { buildApp } from '../../server/app.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { createDb } from '../../server/db/knex.js';
import { migrate } from '../../server/db/migrate.js';
import type { TileAddress, TileLayer } from '../../tiles/layer.js';
import { findLayer } from '../helpers/tile-registry.js';
import { sqlText } from '../../sql/load.js';
import { statementName } from '../../tiles/sources/source.js';
import { tileOf } from '../helpers/tiles.js';
import type { BenchContext } from './run.js';
import { wrkScript } from './wrk-script.js';
import { median } from './quantile.js';
import { ensureNginx, ensureWrk, NGINX, WRK } from './debian-tools.js';

interface Target {
  layer: TileLayer;
  t: TileAddress;
  path: string;
}

/** Per zoom, how many distinct tiles of each layer to take. */
const PER_ZOOM: Record<string, number> = { areas: 14, boundaries: 4, services: 4, villages: 4 };
/**
 * Cold rounds (the server's cache is emptied before each). The machine is shared, so a single
 * timing mostly measures the scheduler; per tile the median and the minimum of the rounds are kept.
 */
const ROUNDS = 5;
const WRK_RUNS = 5;
/** util-linux's taskset, to keep wrk off the cores of the servers it measures. */
const TASKSET = '/usr/bin/taskset';
/** CPU lists for (b): the servers under test, and wrk. Undefined: not pinned (one core, or no taskset). */
const PINNING = os.cpus().length >= 2 && fs.existsSync(TASKSET) ? { servers: '0', wrk: '1' } : undefined;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const kb = (n: number) => (n / 1024).toFixed(1);

/** Per layer: a point inside the tile at zoom ? that holds the most of the layer's points. */
const densest = (points: string) => `
  with p as (select st_transform(g, 3857) as g from (${points}) s(g)),
  t as (select floor((st_x(g) + 20037508.342789244) / (40075016.68557849 / 2 ^ ?)) as x,
               floor((20037508.342789244 - st_y(g)) / (40075016.68557849 / 2 ^ ?)) as y, g from p)
  select st_x(st_transform(st_centroid(st_collect(g)), 4326)) as lon, st_y(st_transform(st_centroid(st_collect(g)), 4326)) as lat
  from t group by x, y order by count(*) desc limit 1`;
const DENSEST: Record<string, string> = {
  areas: densest(`select label_point from admin_area where level = 'village'`),
  boundaries: densest(`select label_point from admin_area where level = 'village'`),
  services: densest('select geom from service_point'),
  villages: densest(`select label_point from admin_area where level = 'village'`),
};

async function pickTargets(db: ReturnType<typeof createDb>, year: number): Promise<Target[]> {
  const { rows } = await db.raw(`select code, st_x(label_point) as lon, st_y(label_point) as lat from admin_area
                                 where level = 'village' order by md5(code) limit 4000`);
  const targets: Target[] = [];
  for (let z = 4; z <= 14; z++) {
    for (const [id, count] of Object.entries(PER_ZOOM)) {
      const layer = findLayer(id)!;
      if (z < layer.minzoom || z > layer.maxzoom) continue;
      const seen = new Set<string>();
      // First the densest tile of this zoom (most points of what the layer draws), so the size
      // figures include the worst case, not only typical tiles.
      const { rows: [dense] } = await db.raw(DENSEST[id], [z, z]);
      const candidates = [{ lon: dense.lon, lat: dense.lat }, ...(rows as Array<{ lon: number; lat: number }>)];
      for (const r of candidates) {
        if (seen.size >= count) break;
        const t = tileOf(r.lon, r.lat, z);
        const key = `${t.x}/${t.y}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const query = layer.usesYear ? `?year=${year}` : '';
        targets.push({ layer, t, path: `/tiles/${id}/${z}/${t.x}/${t.y}.mvt${query}` });
      }
    }
  }
  return targets;
}

function httpGet(port: number, p: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, headers: { 'accept-encoding': 'gzip' }, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });


/** Run wrk without blocking this process's event loop: the server under test lives in it. */
async function wrk(script: string, port: number, seconds: number): Promise<{ rps: number; errors: string }> {
  const args = ['-t1', '-c16', `-d${seconds}s`, '-s', script, `http://127.0.0.1:${port}`];
  const child = PINNING ? spawn(TASKSET, ['-c', PINNING.wrk, WRK, ...args]) : spawn(WRK, args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`wrk failed: ${stderr}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1];
  const socketErrors = /Socket errors:.*/.exec(stdout)?.[0];
  return { rps, errors: [non2xx ? `${non2xx} non-2xx` : '', socketErrors ?? ''].filter(Boolean).join('; ') };
}

async function startNginx(dir: string, port: number): Promise<() => Promise<void>> {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, `daemon off;
master_process on;
worker_processes 1;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location /tiles/ {
      types { }
      default_type application/vnd.mapbox-vector-tile;
      add_header Content-Encoding gzip;
      add_header Cache-Control "public, no-cache";
      add_header Vary Accept-Encoding;
    }
  }
}
`);
  const args = ['-c', conf, '-e', `${dir}/nginx-error.log`];
  // the worker inherits the master's CPU list
  const child = PINNING ? spawn(TASKSET, ['-c', PINNING.servers, NGINX, ...args], { stdio: 'ignore' }) : spawn(NGINX, args, { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const ok = await new Promise<boolean>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/' }, (res) => { res.resume(); resolve(true); }).on('error', () => resolve(false));
    });
    if (ok) break;
  }
  return async () => {
    // an nginx that failed to start has exited already: no exit event would come
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGQUIT');
    await exited;
  };
}

/** tests/bench/tile-server.ts in a child process, with a tiny request/answer channel over IPC. */
function startServer(databaseUrl: string) {
  return forkServer('tile-server.ts', { BENCH_TILE_DATABASE_URL: databaseUrl });
}

/** tests/bench/bare-node-server.ts serving the files under `dir` (the floor of Node's HTTP). */
function startBareNode(dir: string) {
  return forkServer('bare-node-server.ts', { BENCH_BARE_DIR: dir });
}

/** A server script of this folder in a child process: its first message is { port }; 'close' stops it. */
async function forkServer(script: string, env: Record<string, string>) {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), script), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<unknown>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  const { port } = (await next()) as { port: number };
  return {
    port,
    /** Keep every thread of the child (event loop, libuv pool, V8's helpers) on the servers' CPUs for (b). */
    pin() {
      if (PINNING) execFileSync(TASKSET, ['-a', '-p', '-c', PINNING.servers, String(child.pid)], { stdio: 'ignore' });
    },
    async ask(message: string) {
      const answer = next();
      child.send(message);
      return answer;
    },
    /** Stop the child; nothing to do when it has exited already (a failed run's clean-up calls this too). */
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
}

/** `fn` run once: later calls share the first call's promise, so a step and the clean-up can both call it. */
function once(fn: () => Promise<unknown>): () => Promise<unknown> {
  let done: Promise<unknown> | undefined;
  return () => (done ??= fn());
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export async function run(ctx: BenchContext): Promise<string> {
  const loadBefore = os.loadavg()[0];
  const db = createDb(ctx.databaseUrl, { max: 2 });
  // The national database is shared with other branches, which may have applied migrations this
  // checkout does not have (knex would refuse to run then); migrate only when ours are missing.
  const ours = fs.readdirSync(path.join(PROJECT_ROOT, 'sql', 'migrations')).filter((f) => f.endsWith('.sql'));
  const done = new Set((await db('knex_migrations').select('name')).map((r: { name: string }) => r.name));
  if (ours.some((f) => !done.has(f))) {
    const applied = await migrate(db);
    if (applied.length) ctx.log(`applied migrations ${applied.join(', ')}`);
  }
  const dataset = (await db('dataset').first('profile', 'households', 'survey_years')) as { profile: string; households: number; survey_years: number[] } | undefined;
  const year = (await db('area_stats').max({ y: 'survey_year' }))[0].y as number;
  const targets = await pickTargets(db, year);
  await db.destroy();
  ctx.log(`${targets.length} tile addresses, z4-z14, year ${year}`);

  // every child process and connection started below is stopped in the finally, whatever fails
  // (a tile server child left running kept its port and pool after nginx failed to start)
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const direct = new pg.Client({ connectionString: ctx.databaseUrl, application_name: 'povmap' });
    const endDirect = once(() => direct.end());
    cleanups.push(endDirect);
    await direct.connect();
    const server = await startServer(ctx.databaseUrl);
    const closeServer = once(() => server.close());
    cleanups.push(closeServer);
    const port = server.port;
    // The same server inside this process too: one process fewer for the scheduler to wake per tile,
    // which on a shared 2-core machine is a visible part of the difference.
    const inproc = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
    const closeInproc = once(() => inproc.close());
    cleanups.push(closeInproc);
    await inproc.listen({ port: 0, host: '127.0.0.1' });
    const inprocPort = (inproc.server.address() as AddressInfo).port;

    const raws: Buffer[] = [];
    const runDirect = async (x: Target) => {
      const started = process.hrtime.bigint();
      const r = await direct.query<{ tile: Buffer }>({
        name: statementName(x.layer), text: sqlText(`tiles/${x.layer.sql}`),
        values: x.layer.args(x.t, { year: x.layer.usesYear ? year : undefined, metric: undefined }),
      });
      const tile = r.rows[0]?.tile ?? Buffer.alloc(0);
      raws[targets.indexOf(x)] = tile;
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: tile.length };
    };
    const runServer = async (x: Target, on = port) => {
      const started = process.hrtime.bigint();
      const r = await httpGet(on, x.path);
      if (r.status !== 200 && r.status !== 204) throw new Error(`${x.path}: ${r.status} ${r.body.toString().slice(0, 200)}`);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: r.status, body: r.body };
    };

    // Warm-up: prepares the statements on both sides and loads PostgreSQL's buffers.
    ctx.log('warm-up round');
    for (const x of targets) {
      await runDirect(x);
      await runServer(x);
      await runServer(x, inprocPort);
    }
    const directMs = targets.map(() => [] as number[]);
    const serverMs = targets.map(() => [] as number[]);
    const inprocMs = targets.map(() => [] as number[]);
    const gzBytes: number[] = [];
    const rawBytes: number[] = [];
    const bodies: Array<Buffer | undefined> = [];
    for (let round = 0; round < ROUNDS; round++) {
      ctx.log(`cold round ${round + 1}/${ROUNDS}`);
      await server.ask('clear');
      inproc.tiles.cache.clear();
      for (const [i, x] of targets.entries()) {
        // Alternate which goes first, so neither always gets the freshly touched buffers.
        const order = (i + round) % 2 === 0;
        const d = order ? await runDirect(x) : undefined;
        const s = await runServer(x);
        const d2 = d ?? await runDirect(x);
        inprocMs[i].push((await runServer(x, inprocPort)).ms);
        directMs[i].push(d2.ms);
        serverMs[i].push(s.ms);
        rawBytes[i] = d2.bytes;
        gzBytes[i] = s.status === 200 ? s.body.length : 0;
        bodies[i] = s.status === 200 ? s.body : undefined;
      }
    }
    await endDirect();
    await closeInproc();
    const totalInproc = sum(inprocMs.map(median));
    const totalServer = sum(serverMs.map(median));
    const totalDirect = sum(directMs.map(median));
    const minServer = sum(serverMs.map((xs) => Math.min(...xs)));
    const minDirect = sum(directMs.map((xs) => Math.min(...xs)));
    const allServer = sum(serverMs.flat());
    const allDirect = sum(directMs.flat());
    // What compressing the tiles costs by itself (the server does it once per cold tile, level 1).
    const gzipRounds = [0, 1, 2].map(() => {
      const started = process.hrtime.bigint();
      for (const raw of raws) if (raw.length) zlib.gzipSync(raw, { level: 1 });
      return Number(process.hrtime.bigint() - started) / 1e6;
    });
    const gzipMs = Math.min(...gzipRounds);
    const perTileRatio = targets.map((_, i) => median(serverMs[i]) / median(directMs[i]));

    // (b) warm: the same non-empty tiles from the server's cache and from nginx.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-bench-tiles-'));
    const removeDir = once(async () => fs.rmSync(dir, { recursive: true, force: true }));
    cleanups.push(removeDir);
    const warmPaths: string[] = [];
    for (const [i, x] of targets.entries()) {
      const body = bodies[i];
      if (!body) continue;
      const file = path.join(dir, 'www', x.path.split('?')[0]);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
      warmPaths.push(x.path);
    }
    for (const p of warmPaths) await httpGet(port, p); // fill the cache
    const script = wrkScript(dir, 'tiles', warmPaths);
    ensureWrk();
    ensureNginx();
    const nginxPort = await freePort();
    const stopNginx = once(await startNginx(dir, nginxPort));
    cleanups.push(stopNginx);
    const check = await httpGet(nginxPort, warmPaths[0]);
    if (check.status !== 200 || !zlib.gunzipSync(check.body).length) throw new Error('nginx does not serve the tiles');
    const bare = await startBareNode(path.join(dir, 'www'));
    cleanups.push(once(() => bare.close()));
    const bareCheck = await httpGet(bare.port, warmPaths[0]);
    if (bareCheck.status !== 200 || !bareCheck.body.equals(check.body)) throw new Error('the bare Node server does not serve the same bytes as nginx');
    ctx.log(`warm: wrk against nginx, the server and bare Node, ${warmPaths.length} paths`);
    const nginxRuns: number[] = [];
    const serverRuns: number[] = [];
    const bareRuns: number[] = [];
    const notes: string[] = [];
    server.pin();
    bare.pin();
    // unmeasured: the first seconds of a server's hits are its JIT's and its sockets' warm-up
    for (const p of [nginxPort, port, bare.port]) await wrk(script, p, 3);
    for (let i = 0; i < WRK_RUNS; i++) {
      // the order rotates, so no server always follows the same one
      const order = [nginxPort, port, bare.port];
      for (let k = 0; k < i % order.length; k++) order.push(order.shift()!);
      const runs = new Map<number, { rps: number; errors: string }>();
      for (const p of order) runs.set(p, await wrk(script, p, 6));
      const n = runs.get(nginxPort)!;
      const s = runs.get(port)!;
      const b = runs.get(bare.port)!;
      nginxRuns.push(n.rps);
      serverRuns.push(s.rps);
      bareRuns.push(b.rps);
      if (n.errors) notes.push(`nginx: ${n.errors}`);
      if (s.errors) notes.push(`server: ${s.errors}`);
      if (b.errors) notes.push(`bare Node: ${b.errors}`);
    }
    await stopNginx();
    await bare.close();
    const stats = (await server.ask('stats')) as { entries: number; bytes: number };
    await closeServer();
    keepAlive.destroy();
    await removeDir();

    // (c) sizes per zoom and layer.
    const sizeRows: string[] = [];
    for (let z = 4; z <= 14; z++) {
      for (const id of Object.keys(PER_ZOOM)) {
        const idx = targets.map((x, i) => (x.t.z === z && x.layer.id === id ? i : -1)).filter((i) => i >= 0);
        if (!idx.length) continue;
        const gz = idx.map((i) => gzBytes[i]).filter((b) => b > 0);
        const raw = idx.map((i) => rawBytes[i]).filter((b) => b > 0);
        const ms = idx.map((i) => median(directMs[i]));
        sizeRows.push(`| ${z} | ${id} | ${idx.length} | ${idx.length - gz.length} | ${gz.length ? kb(median(gz)) : '-'} | ${gz.length ? kb(Math.max(...gz)) : '-'} | ${raw.length ? kb(Math.max(...raw)) : '-'} | ${median(ms).toFixed(1)} |`);
      }
    }
    const maxGz = Math.max(...gzBytes);
    const nginxRps = Math.max(...nginxRuns);
    const serverRps = Math.max(...serverRuns);
    const coldRatio = totalServer / totalDirect;
    const warmRatio = serverRps / nginxRps;
    // the medians of the same alternating runs: a best-of flatters whichever side had one lucky run
    const warmMedianRatio = median(serverRuns) / median(nginxRuns);
    return [
      `Database: ${dataset ? `${dataset.profile} profile, ${Number(dataset.households).toLocaleString('en')} household rows (years ${dataset.survey_years.join(', ')})` : 'no dataset row'}; tiles of survey year ${year}.`,
      `${targets.length} fixed tile addresses over z4–z14 (${Object.entries(PER_ZOOM).map(([k, v]) => `${k} ≤${v}`).join(', ')} distinct tiles per zoom, where the layer has the zoom): per layer and zoom the densest tile, then tiles around sampled villages.`,
      '',
      '| measure | result | goal |',
      '|---|---|---|',
      `| (a) cold tile, server ÷ same SQL direct: Σ per-tile median of ${ROUNDS} rounds, ${targets.length} tiles | **${coldRatio.toFixed(3)}** (${totalServer.toFixed(0)} ms vs ${totalDirect.toFixed(0)} ms) | ≤ 1.15 |`,
      `| (a) same, Σ per-tile minimum / Σ every timing | ${(minServer / minDirect).toFixed(3)} (${minServer.toFixed(0)} vs ${minDirect.toFixed(0)} ms) / ${(allServer / allDirect).toFixed(3)} | |`,
      `| (a) same, server inside the benchmark process (Σ per-tile median) | ${(totalInproc / totalDirect).toFixed(3)} (${totalInproc.toFixed(0)} vs ${totalDirect.toFixed(0)} ms) | |`,
      `| (a) of the difference: gzip level 1 of these tiles alone, in this process | ${gzipMs.toFixed(0)} ms per round = ${(100 * gzipMs / totalDirect).toFixed(0)} % of the direct SQL time | |`,
      `| (a) per-tile ratio, median / p90 | ${median(perTileRatio).toFixed(3)} / ${pct(perTileRatio, 0.9).toFixed(3)} | |`,
      `| (a) cold server ms per tile, median / p95 / max | ${median(serverMs.flat()).toFixed(1)} / ${pct(serverMs.flat(), 0.95).toFixed(1)} / ${Math.max(...serverMs.flat()).toFixed(1)} | |`,
      `| (a) direct SQL ms per tile, median / p95 / max | ${median(directMs.flat()).toFixed(1)} / ${pct(directMs.flat(), 0.95).toFixed(1)} / ${Math.max(...directMs.flat()).toFixed(1)} | |`,
      `| (b) warm throughput, server ÷ nginx (wrk -t1 -c16, median of ${WRK_RUNS} 6 s runs each, order rotating${PINNING ? `; servers on CPU ${PINNING.servers}, wrk on CPU ${PINNING.wrk}` : ''}) | **${warmMedianRatio.toFixed(3)}** (${median(serverRuns).toFixed(0)} vs ${median(nginxRuns).toFixed(0)} req/s) | ≥ 0.5 |`,
      `| (b) same, best of ${WRK_RUNS} runs each | ${warmRatio.toFixed(3)} (${serverRps.toFixed(0)} vs ${nginxRps.toFixed(0)} req/s; nginx ranged ${Math.min(...nginxRuns).toFixed(0)}–${nginxRps.toFixed(0)}) | |`,
      `| (b) all runs req/s: server / nginx | ${serverRuns.map((r) => r.toFixed(0)).join(', ')} / ${nginxRuns.map((r) => r.toFixed(0)).join(', ')} | |`,
      `| (b) where the gap is (medians): server ÷ bare Node http writing the same bytes and headers / bare Node ÷ nginx | ${(median(serverRuns) / median(bareRuns)).toFixed(3)} / ${(median(bareRuns) / median(nginxRuns)).toFixed(3)} (bare Node ${median(bareRuns).toFixed(0)} req/s; runs ${bareRuns.map((r) => r.toFixed(0)).join(', ')}) | |`,
      `| (c) largest gzipped tile | ${kb(maxGz)} KB | ≤ 150 KB |`,
      '',
      `Machine load (1-minute load average, ${os.cpus().length} cores, shared with other work): ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end. At such load the ratios vary noticeably from run to run; both sides of each ratio are measured in the same run, interleaved.`,
      '',
      `Warm set: the ${warmPaths.length} non-empty tiles (the server's cache held ${stats.entries} tiles, ${kb(stats.bytes)} KB); nginx serves the server's own gzip bytes with Content-Encoding: gzip, one worker, access log off. ${notes.length ? `Notes: ${notes.join('; ')}.` : ''}`,
      '',
      '(c) Tile sizes per zoom (KB; empty tiles answer 204 and are counted, not sized):',
      '',
      '| z | layer | tiles | empty | median gz | max gz | max raw | median SQL ms |',
      '|---|---|---|---|---|---|---|---|',
      ...sizeRows,
    ].join('\n');
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}
