/**
 * `npm run bench -- context`: the context layers (issue 7) on BENCH_DATABASE_URL.
 * - night-light zonal statistics refresh of one year (povmap.refresh_nightlight_stats), timed;
 * - PNG tile latency, cold (empty cache, first request) and warm (cached), over a ring of tiles around
 *   Bangkok at z5, z8 and z11, through app.inject (server time, no socket).
 * The database must already hold the context migrations and a night-light year (import:nightlight).
 * The accessibility refresh (part B) is not built yet, so it is not measured.
 */
import { buildApp } from '../../server/app.js';
import { createDb } from '../../server/db/knex.js';
import type { BenchContext } from './run.js';

function tileAt(z: number, lon: number, lat: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function run(ctx: BenchContext): Promise<string> {
  const db = createDb(ctx.databaseUrl, { max: 2 });
  const lines: string[] = [];
  try {
    const years = (await db('nightlight_raster').distinct('year').orderBy('year').pluck('year')).map(Number);
    if (!years.length) throw new Error('no night-light year loaded; run import:nightlight first');
    const year = years[years.length - 1];
    const [{ households }] = await db('household').count({ households: '*' });
    ctx.log(`zonal statistics refresh for ${year} (one pass over every pixel)…`);
    let t = process.hrtime.bigint();
    const { rows } = await db.raw('select povmap.refresh_nightlight_stats(?::smallint) as n', [year]);
    const zonal = ms(t);
    ctx.log(`zonal statistics: ${rows[0].n} areas in ${(zonal / 1000).toFixed(1)} s`);

    const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'silent' });
    const results: string[] = [];
    try {
      for (const z of [5, 8, 11]) {
        const [cx, cy] = tileAt(z, 100.52, 13.75);
        const urls: string[] = [];
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) urls.push(`/tiles/nightlight/${year}/${z}/${cx + dx}/${cy + dy}.png`);
        const cold: number[] = [];
        const warm: number[] = [];
        for (const url of urls) {
          t = process.hrtime.bigint();
          const res = await app.inject(url);
          cold.push(ms(t));
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        }
        for (let i = 0; i < 20; i++) for (const url of urls) {
          t = process.hrtime.bigint();
          await app.inject(url);
          warm.push(ms(t));
        }
        cold.sort((a, b) => a - b);
        warm.sort((a, b) => a - b);
        ctx.log(`z${z}: cold p50 ${quantile(cold, 0.5).toFixed(0)} ms, warm p50 ${quantile(warm, 0.5).toFixed(2)} ms`);
        results.push(`| ${z} | ${urls.length} | ${quantile(cold, 0.5).toFixed(0)} | ${Math.max(...cold).toFixed(0)} | ${quantile(warm, 0.5).toFixed(2)} | ${quantile(warm, 0.95).toFixed(2)} |`);
      }
    } finally {
      await app.close();
    }
    lines.push(`Database: ${Number(households).toLocaleString('en')} household rows; night-light year ${year}.`, '',
      `- Night-light zonal statistics refresh (${rows[0].n} areas, every pixel of the 15″ composite): **${(zonal / 1000).toFixed(1)} s**`,
      '- Accessibility refresh: not measured (part B not built).', '',
      '| zoom | tiles | cold p50 ms | cold max ms | warm p50 ms | warm p95 ms |', '|---|---|---|---|---|---|', ...results);
  } finally {
    await db.destroy();
  }
  return lines.join('\n');
}
