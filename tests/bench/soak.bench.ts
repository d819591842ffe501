/**
 * `npm run bench -- soak`: the server under a steady mix of tiles and API requests for 10 minutes
 * (BENCH_SOAK_SECONDS to change), with wrk (Debian's package, installed when missing) against the
 * server in its own process (tests/bench/tile-server.ts). Reports requests, errors (non-2xx and socket
 * errors), latency percentiles and the server's resident memory before, during (peak) and after, so a
 * leak or a stall shows up as growing RSS or a long tail.
 * The mix, by request count: about 60 % vector tiles (areas, boundaries, services, villages at z6-z14
 * around sampled villages), 40 % API reads (area summaries and children, rankings, hotspots and
 * changes at province and district level, access figures with a custom distance and catchment,
 * /api/meta, /health). Paths rotate in a fixed order so runs compare; the responses are counted by
 * status, so errors can be told apart (503 refusals of a full queue, 4xx, 5xx).
 * Before the soak, on the same fresh server: /health latency idle and while 4 heavy requests run
 * (village hotspots with new seeds, custom catchments at their level's limit over the largest
 * province and district), the issue's "/health p99 under 100 ms while 4 heavy requests run".
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATCHMENT_LIMIT_KM } from '../../server/access/on-request.js';
import { createDb, databaseName } from '../../server/db/knex.js';
import type { BenchContext } from './run.js';
import { tilesAroundVillages } from './village-tiles.js';
import { statusCounts, wrkScript } from './wrk-script.js';
import { ensureWrk, WRK } from './debian-tools.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const CONNECTIONS = 8;
const THREADS = 1;

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function soakPaths(databaseUrl: string): Promise<{ tiles: string[]; api: string[] }> {
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const villages = (await db.raw(`select code, province_code, district_code, st_x(label_point) as lon, st_y(label_point) as lat
                                    from admin_area where level = 'village' order by md5(code) limit 40`)).rows as
      Array<{ code: string; province_code: string; district_code: string; lon: number; lat: number }>;
    const tiles = tilesAroundVillages(villages);
    const api: string[] = ['/health', '/api/meta', '/api/areas/TH', '/api/areas/TH/children',
      '/api/rankings?level=province', '/api/hotspots?level=province', '/api/hotspots?level=district',
      '/api/access/rankings?level=province&km=7', '/api/areas/TH/access?km=7'];
    for (const v of villages.slice(0, 10)) {
      api.push(`/api/areas/${v.province_code}`, `/api/areas/${v.district_code}/children`, `/api/areas/${v.code}`,
        `/api/areas/${v.district_code}/access?catchment_km=15&km=3`, `/api/hotspots/area/${v.district_code}`);
    }
    return { tiles, api };
  } finally {
    await db.destroy();
  }
}


function get(port: number, urlPath: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
    }).on('error', reject);
  });
}

interface Latencies { n: number; p50: number; p99: number; max: number }

function latencies(times: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { n: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted[sorted.length - 1] };
}

/** /health one request after another: `n` of them, or until `until` settles (at least `n`). */
async function healthTimes(port: number, n: number, until?: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void until?.finally(() => { settled = true; });
  const times: number[] = [];
  while (times.length < n || (until && !settled)) {
    const r = await get(port, '/health');
    if (r.status !== 200) throw new Error(`/health answered ${r.status}`);
    times.push(r.ms);
  }
  return times;
}

/** /health idle, then while 4 heavy requests run (as tests/integration/heavy-requests.test.ts). */
async function healthUnderHeavy(databaseUrl: string, port: number) {
  const db = createDb(databaseUrl, { max: 1 });
  let province: string, district: string;
  try {
    province = (await db.raw(`select province_code as code from admin_area where level = 'village' group by 1 order by count(*) desc limit 1`)).rows[0].code;
    district = (await db.raw(`select district_code as code from admin_area where level = 'village' and province_code = ? group by 1 order by count(*) desc limit 1`, [province])).rows[0].code;
  } finally {
    await db.destroy();
  }
  await healthTimes(port, 20); // warm-up
  const idle = latencies(await healthTimes(port, 200));
  const seed = 1 + (Date.now() % 1_000_000_000);
  const paths = [
    `/api/hotspots?level=village&seed=${seed}`,
    `/api/hotspots?level=village&seed=${seed + 1}&weights=knn`,
    `/api/areas/${province}/access?catchment_km=${CATCHMENT_LIMIT_KM.province}`,
    `/api/areas/${district}/access?catchment_km=${CATCHMENT_LIMIT_KM.district}&km=3,7`,
  ];
  const heavy = Promise.all(paths.map((p) => get(port, p)));
  const busy = latencies(await healthTimes(port, 50, heavy));
  const answers = await heavy;
  return { idle, busy, heavy: paths.map((p, i) => ({ path: p, ...answers[i] })) };
}

/** Interleave so that about 3 tiles come for every 2 API requests. */
function mix(tiles: string[], api: string[]): string[] {
  const out: string[] = [];
  const n = Math.max(tiles.length, Math.ceil((api.length * 3) / 2));
  for (let i = 0; i < n; i++) {
    out.push(tiles[i % tiles.length]);
    if (i % 3 !== 2) out.push(api[i % api.length]);
  }
  return out;
}

export async function run(ctx: BenchContext): Promise<string> {
  ensureWrk();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-soak-'));
  const { tiles, api } = await soakPaths(ctx.databaseUrl);
  const paths = mix(tiles, api);
  const script = wrkScript(dir, 'soak', paths, { countStatuses: true });

  const server = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'tile-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TILE_DATABASE_URL: ctx.databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { port } = await new Promise<{ port: number }>((resolve, reject) => {
      server.once('message', (m) => resolve(m as { port: number }));
      server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const rssStart = rssMiB(server.pid!);
    ctx.log(`server on port ${port} (RSS ${rssStart.toFixed(0)} MiB): /health idle and under 4 heavy requests`);
    const health = await healthUnderHeavy(ctx.databaseUrl, port);
    ctx.log(`/health idle p99 ${health.idle.p99.toFixed(1)} ms; under 4 heavy requests p99 ${health.busy.p99.toFixed(1)} ms (${health.busy.n} requests)`);
    const rssBefore = rssMiB(server.pid!);
    ctx.log(`server on port ${port} (RSS ${rssBefore.toFixed(0)} MiB); wrk ${SECONDS} s over ${paths.length} paths (${tiles.length} tiles, ${api.length} API)`);
    let rssPeak = rssBefore;
    const samples: string[] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      const rss = rssMiB(server.pid!);
      rssPeak = Math.max(rssPeak, rss);
      samples.push(`${Math.round((Date.now() - started) / 1000)} s: ${rss.toFixed(0)}`);
    }, 30_000);
    const wrk = spawn(WRK, [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--timeout', '30s', '--latency', '-s', script, `http://127.0.0.1:${port}`]);
    let out = '';
    let err = '';
    wrk.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    wrk.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const code = await new Promise<number | null>((resolve) => wrk.once('exit', resolve));
    clearInterval(sampler);
    if (code !== 0) throw new Error(`wrk failed: ${err}`);
    const rssAfter = rssMiB(server.pid!);
    rssPeak = Math.max(rssPeak, rssAfter);

    const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    const byStatus = Object.entries(statusCounts(out)).map(([status, n]) => `${status}: ${n}`).join(', ');
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
    const distribution = out.split('Latency Distribution')[1] ?? '';
    const latency = (p: string) => new RegExp(`^\\s*${p}\\s+([\\d.]+\\w+)`, 'm').exec(distribution)?.[1] ?? '?';
    const mean = /Latency\s+([\d.]+\w+)/.exec(out)?.[1] ?? '?';
    ctx.log(`done: ${requests} requests, ${non2xx} non-2xx, ${socketErrors} socket errors, p99 ${latency('99%')}, RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB`);

    return [
      `wrk -t${THREADS} -c${CONNECTIONS} for ${SECONDS} s against the server in its own process; ${paths.length} paths in a fixed rotation: ` +
      `${tiles.length} tile addresses and ${api.length} API reads, about 3 tiles to 2 API requests. Database: \`${databaseName(ctx.databaseUrl)}\`.`,
      '',
      '| Measure | Value |',
      '|---|---|',
      `| Requests | ${requests} (${rps.toFixed(1)} req/s) |`,
      `| Errors: non-2xx responses | ${non2xx} |`,
      `| Responses by status | ${byStatus || 'not counted'} |`,
      `| Errors: socket (connect, read, write, timeout) | ${socketErrors}${socket ? ` (${socket.slice(1).join(', ')})` : ''} |`,
      `| Latency mean / p50 / p90 / p99 | ${mean} / ${latency('50%')} / ${latency('90%')} / ${latency('99%')} |`,
      `| Server RSS before → after (peak) | ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB (${rssPeak.toFixed(0)} MiB); fresh server before the /health phase: ${rssStart.toFixed(0)} MiB |`,
      '',
      `RSS every 30 s (MiB): ${samples.join(', ') || 'run shorter than 30 s'}.`,
      '',
      'Before the soak, on the same fresh server: `/health` one request after another over a real socket, idle and while 4 heavy',
      'requests ran (goal: p99 under 100 ms while they run).',
      '',
      '| /health | requests | p50 | p99 | max |',
      '|---|---:|---:|---:|---:|',
      `| idle | ${health.idle.n} | ${health.idle.p50.toFixed(1)} ms | ${health.idle.p99.toFixed(1)} ms | ${health.idle.max.toFixed(1)} ms |`,
      `| under 4 heavy requests | ${health.busy.n} | ${health.busy.p50.toFixed(1)} ms | ${health.busy.p99.toFixed(1)} ms | ${health.busy.max.toFixed(1)} ms |`,
      '',
      `Heavy requests: ${health.heavy.map((h) => `\`${h.path}\` ${h.status} in ${(h.ms / 1000).toFixed(1)} s`).join('; ')}.`,
    ].join('\n');
  } finally {
    server.send('close');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
