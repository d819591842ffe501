/**
 * `npm run bench -- context`: the night-light layers (issue 7) on BENCH_DATABASE_URL.
 * - zonal statistics of one year: zones rebuilt (gdal_rasterize + load) and statistics, then the
 *   statistics alone (zones reused, the case of every further year), each against a plain scan of
 *   the same composite's pixels in the same run (the floor any zonal method pays);
 * - the light-vs-poverty model refit;
 * - PNG tile latency, cold (empty cache, first request) and warm (cached), over a ring of tiles around
 *   Bangkok at z5, z8 and z11, through app.inject (server time, no socket).
 * The database must hold the night-light migrations and a composite (npm start / npm run generate
 * load one). Zonal cost depends on the grid and the number of finest areas, not on households.
 */
import { buildApp } from '../../server/app.js';
import { connectionUrl, createDb } from '../../server/db/knex.js';
import { dropZones, refreshNightlightYear } from '../../server/nightlight/zones.js';
import { quantile } from './quantile.js';
import type { BenchContext } from './run.js';

function tileAt(z: number, lon: number, lat: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

export async function run(ctx: BenchContext): Promise<string> {
  const db = createDb(ctx.databaseUrl, { max: 2 });
  const lines: string[] = [];
  try {
    const years = (await db('nightlight_raster').distinct('year').orderBy('year').pluck('year')).map(Number);
    if (!years.length) throw new Error('no night-light year loaded; run import:nightlight first');
    const year = years[years.length - 1];
    const [{ households }] = await db('household').count({ households: '*' });
    const url = connectionUrl(db);
    const timed = async <T>(label: string, f: () => Promise<T>): Promise<[T, number]> => {
      ctx.log(`${label}…`);
      const t0 = process.hrtime.bigint();
      const r = await f();
      const took = ms(t0);
      ctx.log(`${label}: ${(took / 1000).toFixed(2)} s`);
      return [r, took];
    };
    const [scan, scanMs] = await timed(`plain scan of the ${year} composite's pixels`, async () =>
      (await db.raw(`select count(*)::bigint as n from nightlight_raster, unnest(st_dumpvalues(rast, 1)) v where year = ? and v is not null`, [year])).rows[0].n);
    await dropZones(db);
    const [areas, fullMs] = await timed(`zones (gdal_rasterize + load) and zonal statistics ${year}`, () => refreshNightlightYear(db, url, year, ctx.log));
    const [, statsMs] = await timed(`zonal statistics ${year}, zones reused`, () => refreshNightlightYear(db, url, year));
    const [, fitMs] = await timed('light-vs-poverty model refit', () => db.raw('select povmap.refresh_light_mismatch()'));
    let t: bigint;

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
    lines.push(`Database: ${Number(households).toLocaleString('en')} household rows; night-light year ${year}; ${Number(scan).toLocaleString('en')} pixels with data; ${areas.toLocaleString('en')} areas.`, '',
      '| step | seconds | ÷ plain pixel scan |', '|---|---|---|',
      `| plain scan of the composite's pixels (baseline) | ${(scanMs / 1000).toFixed(2)} | 1.00 |`,
      `| zones rebuilt (gdal_rasterize, raster2pgsql) + zonal statistics | ${(fullMs / 1000).toFixed(2)} | ${(fullMs / scanMs).toFixed(2)} |`,
      `| zonal statistics, zones reused | ${(statsMs / 1000).toFixed(2)} | ${(statsMs / scanMs).toFixed(2)} |`,
      `| light-vs-poverty model refit (all levels and years) | ${(fitMs / 1000).toFixed(2)} | – |`, '',
      'Before the zone raster, one point-in-polygon lookup per pixel took about 570 s per year on this machine.', '',
      '| zoom | tiles | cold p50 ms | cold max ms | warm p50 ms | warm p95 ms |', '|---|---|---|---|---|---|', ...results);
  } finally {
    await db.destroy();
  }
  return lines.join('\n');
}
