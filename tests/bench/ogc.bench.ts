/**
 * `npm run bench -- ogc` (issue 19): the OGC API through a real server on a real port — an items page
 * of 1,000 districts (p50/p95 over repeated requests), every village streamed as GeoJSON pages of
 * 10,000 (rows/s, the server's peak RSS while it streams) and the villages as a GeoPackage download
 * (ogr2ogr; rows/s). BENCH_DATABASE_URL picks the database (the demo data is fine; say which).
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../server/app.js';
import type { BenchContext } from './run.js';

const REPEATS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The database a URL names; socket URLs (postgresql://user@/db?host=/dir) have no host, which URL() refuses. */
function databaseName(url: string): string {
  return url.match(/^[a-z]+:\/\/[^/]*\/([^/?]+)/)?.[1] ?? url;
}

export async function run(ctx: BenchContext): Promise<string> {
  const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
  try {
    const { rows } = await app.db.raw("select count(*)::int as n from admin_area where level = 'village'");
    const villages = rows[0].n as number;
    const { rows: d } = await app.db.raw("select count(*)::int as n from admin_area where level = 'district'");

    ctx.log('items: 1,000 districts');
    const times: number[] = [];
    for (let i = 0; i < REPEATS + 1; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/ogc/collections/districts/items?limit=1000`);
      const body = (await res.json()) as { numberReturned: number };
      if (i > 0) times.push(performance.now() - t); // the first warms the plan cache
      if (body.numberReturned < Math.min(1000, d[0].n)) throw new Error('short page');
    }
    times.sort((a, b) => a - b);

    ctx.log('items: every village, pages of 10,000');
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    let streamed = 0;
    let t = performance.now();
    for (let next: string | undefined = `${base}/ogc/collections/villages/items?limit=10000`; next;) {
      const res = await fetch(next);
      const page = (await res.json()) as { numberReturned: number; links: Array<{ rel: string; href: string }> };
      streamed += page.numberReturned;
      next = page.links.find((l) => l.rel === 'next')?.href;
    }
    const streamSeconds = (performance.now() - t) / 1000;
    const streamPeak = peakRss;

    ctx.log('download: villages as GeoPackage');
    t = performance.now();
    const dl = await fetch(`${base}/ogc/collections/villages/download?format=gpkg`);
    const bytes = (await dl.arrayBuffer()).byteLength;
    const downloadSeconds = (performance.now() - t) / 1000;

    const mib = (b: number) => (b / 2 ** 20).toFixed(0);
    return [
      `Database: \`${databaseName(ctx.databaseUrl)}\` (${villages.toLocaleString('en')} villages, ${d[0].n} districts). `
        + 'The server runs in the benchmark\'s process, so RSS includes the client side (the JSON of one page is parsed at a time).',
      '',
      '| measure | value |',
      '|---|---|',
      `| items page of 1,000 districts (all ${d[0].n}), ${REPEATS} requests | p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms |`,
      `| every village as GeoJSON, pages of 10,000 | ${streamed.toLocaleString('en')} features in ${streamSeconds.toFixed(1)} s = ${Math.round(streamed / streamSeconds).toLocaleString('en')} rows/s; process RSS ${mib(rssBefore)} → peak ${mib(streamPeak)} MiB |`,
      `| villages as GeoPackage (ogr2ogr from PostgreSQL) | ${dl.status}, ${mib(bytes)} MiB in ${downloadSeconds.toFixed(1)} s = ${Math.round(villages / downloadSeconds).toLocaleString('en')} rows/s |`,
    ].join('\n');
  } finally {
    clearInterval(sampler);
    await app.close();
  }
}
