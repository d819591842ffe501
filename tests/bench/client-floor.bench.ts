/**
 * The floor under the client bench's first paint: a page with MapLibre, its worker, the app's base
 * style as its map starts and one filled polygon in place of the choropleth (tests/bench/floor-page),
 * built with the app's Vite plugins and served as the app's assets are (precompressed, immutable),
 * loaded in the same headless Chromium with the same flags, viewport and fresh context per load.
 * What it takes to draw that polygon is time the app's first painted choropleth cannot go under on
 * this machine, whatever the app does: the app adds its own script, its API requests and its tiles. Loads alternate with nothing else; compare with the
 * client section measured in the same session (the load average is in both).
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { build } from 'vite';
import { basemapPlugin } from '../../client/build/basemap-plugin.js';
import { maplibreSourcePlugin } from '../../client/build/maplibre-source-plugin.js';
import { precompressPlugin } from '../../client/build/precompress-plugin.js';
import { workerPreloadPlugin } from '../../client/build/worker-preload-plugin.js';
import { launchChromium, recordedPage } from '../helpers/browser.js';
import { median } from './quantile.js';
import type { BenchContext } from './run.js';

const LOADS = 8;
const PHASES = ['app-start', 'map-created', 'floor-painted'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));

/** No database: the floor page asks the server for its own files only (run.ts stamps the section so). */
export async function servedDatabaseUrl(): Promise<null> {
  return null;
}

export async function run(ctx: BenchContext): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-floor-'));
  ctx.log('building the floor page (vite build)');
  await build({
    configFile: false,
    root: path.join(here, 'floor-page'),
    base: '/',
    logLevel: 'warn',
    plugins: [maplibreSourcePlugin(), basemapPlugin(), workerPreloadPlugin(), precompressPlugin()],
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2500 },
  });
  const app = Fastify();
  await app.register(fastifyStatic, { root: outDir, preCompressed: true, immutable: true, maxAge: '365d' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('floor server has no TCP address');
  const browser = await launchChromium();
  const loadBefore = os.loadavg()[0];
  const loads: Array<Record<string, number>> = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const { context, page } = await recordedPage(browser);
      await page.goto(`http://127.0.0.1:${address.port}/index.html`, { timeout: 60_000 });
      await page.waitForSelector('#map[data-floor="painted"]', { state: 'attached', timeout: 60_000 });
      const marks = await page.evaluate((phases) => Object.fromEntries(phases.map((p) => [p, performance.getEntriesByName(`povmap:${p}`)[0]?.startTime ?? NaN])), [...PHASES]);
      loads.push(marks);
      ctx.log(`load ${i + 1}: polygon painted ${marks['floor-painted'].toFixed(0)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  return [
    'A page with MapLibre (built from source as the app builds it), its worker, the app\'s base style as its map starts (the sea; the basemap\'s data follows the first coloured frame) and one filled polygon over Thailand standing in for the choropleth ',
    '(tests/bench/floor-page): the least any first painted choropleth costs in this headless Chromium (SwiftShader WebGL, 1280×800). ',
    `Time from navigation start; ${LOADS} loads, each a fresh context. Load average while measuring: ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores.`,
    '',
    `| ${PHASES.join(' | ')} |`,
    `|${PHASES.map(() => '---:').join('|')}|`,
    `| ${PHASES.map((p) => `${median(loads.map((l) => l[p])).toFixed(0)} ms`).join(' | ')} |`,
    '',
    `Every load (polygon painted): ${loads.map((l) => l['floor-painted'].toFixed(0)).join(', ')} ms.`,
  ].join('\n');
}
