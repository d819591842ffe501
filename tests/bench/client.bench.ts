/**
 * The map client in headless Chromium over the demo profile: time from navigation to the first
 * frame drawn with classed colours (the `povmap:choropleth-painted` performance mark), and to a
 * settled map (every visible tile drawn), for a cold server (first load after start: empty tile
 * cache) and then warm; plus the bundle's size. Each load is a fresh browser context, so the
 * browser cache is always cold.
 * The database is the demo one `npm start` serves (BENCH_CLIENT_DATABASE_URL overrides), because
 * the goals (issue 17: first painted choropleth ≤ 1.5 s warm median, start-up JavaScript ≤ 400 KB
 * gzip) are stated for the demo profile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadConfig } from '../../server/config.js';
import { resolveDatabaseUrl } from '../../server/db/prepare.js';
import { CLIENT_DIST } from '../../server/cli/client-build.js';
import { launchChromium, recordedPage } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';
import type { BenchContext } from './run.js';
import { median } from './quantile.js';

const WARM_RUNS = 7;

/** The client's own marks on the way to the first paint (client/app.ts, map/map-view.ts, map/choropleth.ts). */
const PHASES = ['app-start', 'map-created', 'style-load', 'classes-set', 'meta-tiles', 'choropleth-painted'] as const;

/**
 * The requests the first paint waits for, by what they are (resource timing, from navigation start):
 * when each was asked for and when its last byte arrived. Tiles: the first asked and the last in.
 */
const REQUESTS: ReadonlyArray<readonly [string, string]> = [
  ['app script', '^/assets/index-[^/]+\\.js$'],
  ['MapLibre worker', '^/assets/maplibre-worker-[^/]+\\.js$'],
  ['basemap', '^/assets/basemap-[^/]+\\.json$'],
  ['/api/meta', '^/api/meta$'],
  ['/tiles/areas.json', '^/tiles/areas\\.json$'],
  ['class breaks', '^/api/choropleth/breaks'],
  ['area tiles', '^/tiles/areas/'],
];

interface Span {
  start: number;
  end: number;
  count: number;
}

interface Load {
  painted: number;
  settled: number;
  phases: Record<string, number>;
  /** Per entry of REQUESTS, over the requests that ended before the first paint. */
  requests: Record<string, Span | null>;
  /** Requests for area names: one per distinct box and level is the goal. */
  labelRequests: number;
}

/** A finished request: its path, and when it was asked for and its last byte came (epoch ms). */
interface Finished {
  path: string;
  start: number;
  end: number;
}

/** Per entry of REQUESTS, the requests that ended before the paint, in ms from navigation start. */
function waterfall(finished: readonly Finished[], timeOrigin: number, painted: number): Record<string, Span | null> {
  const before = finished.map((f) => ({ path: f.path, start: f.start - timeOrigin, end: f.end - timeOrigin })).filter((f) => f.end <= painted);
  return Object.fromEntries(REQUESTS.map(([label, pattern]) => {
    const hits = before.filter((f) => new RegExp(pattern).test(f.path));
    return [label, hits.length ? { start: Math.min(...hits.map((f) => f.start)), end: Math.max(...hits.map((f) => f.end)), count: hits.length } : null];
  }));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

/** The build's files, what the start-up loads, and their sizes raw, gzip and brotli (also usable without a browser). */
export function bundleTable(): string {
  const html = fs.readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]));
  // the build's .br and .gz copies are these same files compressed: not counted twice
  const assets = fs.readdirSync(path.join(CLIENT_DIST, 'assets')).filter((f) => !/\.(map|br|gz)$/.test(f));
  // The MapLibre worker is fetched at start-up too (prewarmed while the app loads its catalogue); the chunk it shares with the map is already in index.html.
  for (const f of assets) if (f.startsWith('maplibre-worker')) initial.add(f);
  const rows = assets.map((f) => {
    const bytes = fs.readFileSync(path.join(CLIENT_DIST, 'assets', f));
    return { f, raw: bytes.length, gz: zlib.gzipSync(bytes).length, br: zlib.brotliCompressSync(bytes).length, when: initial.has(f) ? 'start-up' : f.endsWith('.woff2') || f.endsWith('.woff') ? 'font, when used' : 'on demand' };
  }).sort((a, b) => b.raw - a.raw);
  const startup = rows.filter((r) => r.when === 'start-up');
  const js = startup.filter((r) => /\.m?js$/.test(r.f));
  const startupJs = js.reduce((a, r) => a + r.gz, 0);
  const sum = (xs: typeof rows, key: 'raw' | 'gz' | 'br') => xs.reduce((a, r) => a + r[key], 0);
  const lines = [
    '| asset | loaded | size | gzip | brotli |', '|---|---|---:|---:|---:|',
    ...rows.filter((r) => r.raw > 8 * 1024).map((r) => `| ${r.f} | ${r.when} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`),
    `| **start-up total** (${startup.length} files) | | **${kb(sum(startup, 'raw'))}** | **${kb(sum(startup, 'gz'))}** | **${kb(sum(startup, 'br'))}** |`,
    `| start-up JavaScript (goal ≤ 400 KB gzip) | | ${kb(sum(js, 'raw'))} | ${kb(startupJs)} = ${(startupJs / 1000).toFixed(0)} KB (${startupJs <= 400 * 1000 ? 'met' : 'not met'}) | ${kb(sum(js, 'br'))} |`,
    `| everything (${rows.length} files) | | ${kb(sum(rows, 'raw'))} | ${kb(sum(rows, 'gz'))} | ${kb(sum(rows, 'br'))} |`,
  ];
  return lines.join('\n');
}

/** The database the bench's server serves: the demo one `npm start` serves, or BENCH_CLIENT_DATABASE_URL (run.ts stamps the section with it). */
export async function servedDatabaseUrl(): Promise<string> {
  return process.env.BENCH_CLIENT_DATABASE_URL ?? (await resolveDatabaseUrl(loadConfig(), 'main'));
}

export async function run(ctx: BenchContext): Promise<string> {
  const databaseUrl = await servedDatabaseUrl();
  const server = await startServer(databaseUrl);
  const browser = await launchChromium();
  const loads: Load[] = [];
  // The machine is shared: its load says how much CPU the browser really had.
  const loadBefore = os.loadavg()[0];
  try {
    for (let i = 0; i <= WARM_RUNS; i++) {
      const { context, page } = await recordedPage(browser);
      let labelRequests = 0;
      page.on('request', (req) => {
        if (new URL(req.url()).pathname === '/api/labels') labelRequests++;
      });
      // the page's and its worker's requests (tiles and the basemap are fetched by MapLibre's worker,
      // which the page's resource timing does not list)
      const finished: Finished[] = [];
      page.on('requestfinished', (req) => {
        const t = req.timing();
        finished.push({ path: new URL(req.url()).pathname, start: t.startTime, end: t.startTime + t.responseEnd });
      });
      await page.goto(`${server.url}/`, { timeout: 60_000 });
      await page.waitForSelector('#map[data-idle="1"][data-choropleth="painted"]', { state: 'attached', timeout: 60_000 });
      await page.waitForFunction(() => performance.getEntriesByName('povmap:map-settled').length > 0, undefined, { timeout: 60_000 });
      const load = await page.evaluate((phases) => ({
        painted: performance.getEntriesByName('povmap:choropleth-painted')[0].startTime,
        settled: performance.getEntriesByName('povmap:map-settled')[0].startTime,
        phases: Object.fromEntries(phases.map((p) => [p, performance.getEntriesByName(`povmap:${p}`)[0]?.startTime ?? NaN])),
        timeOrigin: performance.timeOrigin,
      }), [...PHASES]);
      loads.push({ painted: load.painted, settled: load.settled, phases: load.phases, labelRequests, requests: waterfall(finished, load.timeOrigin, load.painted) });
      ctx.log(`load ${i + 1}: painted ${load.painted.toFixed(0)} ms, settled ${load.settled.toFixed(0)} ms, ${labelRequests} label requests`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const [cold, ...warm] = loads;
  const p = warm.map((l) => l.painted);
  const s = warm.map((l) => l.settled);
  const goal = 1500;
  return [
    'Headless Debian chromium (SwiftShader WebGL, 1280×800), demo profile, server and browser on this machine; ',
    `time from navigation start. Goal: first painted choropleth ≤ ${goal / 1000} s. `,
    `Load average while measuring: ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores ` +
      '(rendering is software WebGL, so these times scale with the CPU the browser gets).',
    '',
    '| load | first painted choropleth | map settled |',
    '|---|---:|---:|',
    `| cold server (first load, empty tile cache) | ${cold.painted.toFixed(0)} ms | ${cold.settled.toFixed(0)} ms |`,
    `| warm, median of ${warm.length} | ${median(p).toFixed(0)} ms | ${median(s).toFixed(0)} ms |`,
    `| warm, worst of ${warm.length} | ${Math.max(...p).toFixed(0)} ms | ${Math.max(...s).toFixed(0)} ms |`,
    '',
    `Goal met (warm median): **${median(p) <= goal ? 'yes' : 'no'}**; cold: **${cold.painted <= goal ? 'yes' : 'no'}**.`,
    '',
    'Where the time goes (median of the warm loads; the meta-tiles mark, the whole catalogue, may come after the paint, which does not wait for it):',
    '',
    `| ${PHASES.join(' | ')} | /api/labels requests per load |`,
    `|${PHASES.map(() => '---:').join('|')}|---:|`,
    `| ${PHASES.map((ph) => `${median(warm.map((l) => l.phases[ph])).toFixed(0)} ms`).join(' | ')} | ${median(warm.map((l) => l.labelRequests))} |`,
    '',
    'The requests the first paint waits for (median of the warm loads, from navigation start; only requests finished before the paint; tiles: first asked, last in):',
    '',
    '| request | asked at | last byte at | requests |',
    '|---|---:|---:|---:|',
    ...REQUESTS.map(([label]) => {
      const spans = warm.map((l) => l.requests[label]).filter((x): x is Span => x != null);
      if (!spans.length) return `| ${label} | – | – | 0 |`;
      return `| ${label} | ${median(spans.map((x) => x.start)).toFixed(0)} ms | ${median(spans.map((x) => x.end)).toFixed(0)} ms | ${median(spans.map((x) => x.count))} |`;
    }),
    '',
    'Bundle (dist/client, `vite build`):',
    '',
    bundleTable(),
  ].join('\n');
}
