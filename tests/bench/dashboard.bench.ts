/**
 * `npm run bench -- dashboard`: the data of the area dashboard (client/dashboard/, issue 24) for a
 * province (Udon Thani, 41) and for the country, on BENCH_DATABASE_URL, through app.inject (server
 * time, no socket), as an anonymous caller (the analysts' two extra sources answer 401 at once).
 * The view asks for its sources at once and each part renders when its own arrive, so two figures:
 *   all at once  the wall time of the requests made together (what the reader waits for the last part);
 *   one by one   the sum of the same requests made in turn (the cost of one gathering request that
 *                ran them in sequence, the alternative the brief asked to weigh).
 * Baseline in the same run: GET /api/areas/{code}, the map panel's one request.
 */
import { buildApp } from '../../server/app.js';
import { createDb } from '../../server/db/knex.js';
import { quantile } from './quantile.js';
import type { BenchContext } from './run.js';

/** Rounds per area: the country's requests count over every household, so fewer. */
const ROUNDS = { province: 30, country: 5 } as const;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** The requests client/dashboard/ makes for an area (app.ts, urgent.ts, readiness.ts, progress.ts). */
function dashboardUrls(code: string, childLevel: string, year: number): string[] {
  return [
    `/api/areas/${code}?year=${year}`,
    `/api/areas/${code}/children?year=${year}`,
    `/api/rankings?level=${childLevel}&parent=${code}&by=group:neet&year=${year}&limit=10`,
    `/api/rankings?level=${childLevel}&parent=${code}&by=group:working_no_work&year=${year}&limit=10`,
    `/api/areas/${code}/context?limit=10`,
    `/api/areas/${code}/assistance?year=${year}`,
    `/api/areas/${code}/speed-up?year=${year}&limit=10`,
  ];
}

export async function run(ctx: BenchContext): Promise<string> {
  const db = createDb(ctx.databaseUrl, { max: 2 });
  const [{ households }] = await db('household').count({ households: '*' });
  const year = Number((await db('household').max({ y: 'survey_year' }))[0].y);
  await db.destroy();
  const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'silent' });
  const rows: string[] = [];
  // a request over its time budget answers 503: counted and reported, not a crash of the bench
  const failures = new Map<string, number>();
  try {
    const get = async (url: string) => {
      const res = await app.inject(url);
      if (res.statusCode === 503) failures.set(url, (failures.get(url) ?? 0) + 1);
      else if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    for (const [label, code, child, rounds] of [['province 41 (Udon Thani)', '41', 'district', ROUNDS.province], ['country', 'TH', 'province', ROUNDS.country]] as const) {
      const urls = dashboardUrls(code, child, year);
      ctx.log(`${label}: warming up`);
      await Promise.all(urls.map(get));
      const together: number[] = [];
      const inTurn: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < rounds; i++) {
        let t = process.hrtime.bigint();
        await get(urls[0]);
        baseline.push(ms(t));
        t = process.hrtime.bigint();
        await Promise.all(urls.map(get));
        together.push(ms(t));
        t = process.hrtime.bigint();
        for (const url of urls) await get(url);
        inTurn.push(ms(t));
        if ((i + 1) % 5 === 0) ctx.log(`${label}: ${i + 1}/${rounds} rounds`);
      }
      for (const xs of [together, inTurn, baseline]) xs.sort((a, b) => a - b);
      const base = quantile(baseline, 0.95);
      const row = (what: string, xs: number[]) =>
        `| ${label} | ${what} | ${quantile(xs, 0.5).toFixed(1)} | ${quantile(xs, 0.95).toFixed(1)} | ${(quantile(xs, 0.95) / base).toFixed(1)} |`;
      rows.push(row(`all ${urls.length} at once (the view)`, together), row(`the ${urls.length} one by one`, inTurn), row('area summary alone (baseline)', baseline));
      ctx.log(`${label}: all at once p95 ${quantile(together, 0.95).toFixed(1)} ms, one by one p95 ${quantile(inTurn, 0.95).toFixed(1)} ms`);
    }
  } finally {
    await app.close();
  }
  const over = [...failures].map(([url, n]) => `- ${url}: ${n} × 503 (over its time budget)`);
  return [
    `Database: ${Number(households).toLocaleString('en')} household rows, survey year ${year}; ${ROUNDS.province} rounds (province) and ${ROUNDS.country} (country) after one warm-up; server time through app.inject.`, '',
    '| area | requests | p50 ms | p95 ms | p95 ÷ baseline p95 |', '|---|---|---:|---:|---:|', ...rows,
    ...(over.length ? ['', 'Requests stopped by their time budget (their time counts up to the stop):', ...over] : []),
  ].join('\n');
}
