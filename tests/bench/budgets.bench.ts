/**
 * `npm run bench -- budgets`: what legitimate requests of every route class cost, so each class's
 * statement time-out (server/plugins/time-budget.ts, README "Time budgets") can sit well above the
 * largest of them. Every request runs once on a fresh app with no statement time-out (caches cold:
 * computed answers, tiles, area lookups), in the app's process through `app.inject`, one at a time;
 * the time is the whole request (all its statements and the Node work), so it bounds the longest
 * statement from above. Areas are the country and the largest province, district, subdistrict and
 * village by number of villages or households, so the figures are the worst of each level.
 * Besides the whole request: its longest single statement (knex's query events; a CSV's COPY is not
 * among them) and the longest the event loop was blocked meanwhile (perf_hooks).
 * BENCH_BUDGETS_REPEAT=N runs the list N times on N fresh apps and keeps each request's maximum;
 * BENCH_BUDGETS_JSON=FILE also writes every sample there.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createSession } from '../../server/auth/sessions.js';
import { createUser } from '../../server/auth/users.js';
import { createDb, databaseName } from '../../server/db/knex.js';
import { ROUTE_CLASSES, routeClass } from '../../server/plugins/time-budget.js';
import { CATCHMENT_LIMIT_KM } from '../../server/access/on-request.js';
import type { AreaLevel } from '../../tiles/levels.js';
import { tileOf } from '../helpers/tiles.js';
import type { BenchContext } from './run.js';

const BENCH_USER = 'bench_budgets_admin';
const REPEAT = Number(process.env.BENCH_BUDGETS_REPEAT ?? 1);
/** No statement time-out in any class: the point is to see what legitimate requests cost. */
const UNLIMITED = Object.fromEntries(ROUTE_CLASSES.map((c) => [c.name, 0]));

interface Probe {
  /** The URL as requested. */
  url: string;
  /** Registered route (for the class), e.g. /api/areas/:code. */
  route: string;
  /** Signed in as an admin with the PII grant. */
  auth?: boolean;
}

interface Sample {
  url: string;
  route: string;
  cls: string;
  status: number;
  ms: number;
  /** Longest single statement of the request (ms). */
  statementMs: number;
  /** Longest event-loop block while it ran (ms). */
  loopMs: number;
}

async function probes(databaseUrl: string): Promise<Probe[]> {
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const year = (await db('area_stats').where({ code: 'TH' }).max({ y: 'survey_year' }))[0].y as number;
    const years = (await db('area_stats').where({ code: 'TH' }).orderBy('survey_year').pluck('survey_year')) as number[];
    const biggest = async (column: string) =>
      (await db.raw(`select ${column} as code from admin_area where level = 'village' group by 1 order by count(*) desc, 1 limit 1`)).rows[0].code as string;
    const province = await biggest('province_code');
    const district = await biggest('district_code');
    const subdistrict = await biggest('subdistrict_code');
    const village = (await db.raw(`select village_code as code from household where survey_year = ? group by 1 order by count(*) desc, 1 limit 1`, [year])).rows[0].code as string;
    // the densest areas: smallest mean village area
    const densest = async (column: string) =>
      (await db.raw(`select ${column} as code from admin_area where level = 'village' group by 1 having count(*) >= 3 order by avg(st_area(geom)), 1 limit 1`)).rows[0].code as string;
    const dense = { province: await densest('province_code'), district: await densest('district_code'), subdistrict: await densest('subdistrict_code'), village: '' };
    dense.village = (await db.raw(`select code from admin_area where level = 'village' and subdistrict_code = ? order by code limit 1`, [dense.subdistrict])).rows[0].code as string;
    const house = (await db('household').where({ survey_year: year, village_code: village }).orderBy('house_code').first('house_code')).house_code as string;
    const point = (await db.raw(`select st_x(label_point) as lon, st_y(label_point) as lat from admin_area where code = ?`, [village])).rows[0] as { lon: number; lat: number };
    const nightYear = (await db.raw(`select max(year) as y from nightlight_area_stats`).catch(() => ({ rows: [{ y: null }] }))).rows[0]?.y as number | null;
    const seed = 1 + (Date.now() % 1_000_000_000);

    const p: Probe[] = [];
    const add = (route: string, url: string, auth = false) => p.push({ route, url, auth });
    const areas = ['TH', province, district, subdistrict, village];
    const parents = ['TH', province, district, subdistrict];

    add('/health', '/health');
    add('/api/meta', '/api/meta');
    for (const code of areas) {
      add('/api/areas/:code', `/api/areas/${code}`);
      add('/api/areas/:code', `/api/areas/${code}?mode=tpmap`);
      add('/api/areas/:code', `/api/areas/${code}?k=0.5`);
    }
    for (const code of parents) {
      add('/api/areas/:code/children', `/api/areas/${code}/children`);
      add('/api/areas/:code/children', `/api/areas/${code}/children?mode=tpmap`);
      add('/api/areas/:code/children', `/api/areas/${code}/children?k=0.2`);
      add('/api/areas/:code/children', `/api/areas/${code}/children?mode=tpmap&year=${years[0]}`);
    }
    for (const code of areas) add('/api/areas/:code/assistance', `/api/areas/${code}/assistance`);
    for (const code of [province, district]) add('/api/hotspots/area/:code', `/api/hotspots/area/${code}`);
    add('/api/households/:year/:house_code/assistance', `/api/households/${year}/${house}/assistance`, true);
    add('/api/auth/me', '/api/auth/me', true);
    add('/api/users', '/api/users', true);
    // household pages: the whole country (admin), a province, a district; first and a later page
    for (const filter of ['', `province=${province}`, `district=${district}`, `province=${province}&logbook=none&sort=-failed_dim_count`]) {
      add('/api/households', `/api/households?${filter}&limit=1000`, true);
    }
    // rankings of whole levels
    for (const level of ['province', 'district', 'subdistrict', 'village']) {
      add('/api/rankings', `/api/rankings?level=${level}&limit=1000`);
      add('/api/rankings', `/api/rankings?level=${level}&limit=1000&mode=tpmap&by=m0`);
      add('/api/rankings', `/api/rankings?level=${level}&limit=1000&k=0.5&by=h&order=asc`);
      add('/api/rankings', `/api/rankings?level=${level}&limit=1000&by=indicator:drinking_water`);
      add('/api/access/rankings', `/api/access/rankings?level=${level}&limit=1000`);
      add('/api/access/rankings', `/api/access/rankings?level=${level}&limit=1000&km=7.5&service=clinic`);
      add('/api/changes', `/api/changes?level=${level}&from=${years[0]}&to=${year}`);
      add('/api/light-mismatch', `/api/light-mismatch?level=${level}`);
    }
    // access: defaults, the most custom distances (6), custom catchments at each level
    for (const code of areas) {
      add('/api/areas/:code/access', `/api/areas/${code}/access`);
      add('/api/areas/:code/access', `/api/areas/${code}/access?km=1,2,3,4,6,7.5`);
      add('/api/areas/:code/access', `/api/areas/${code}/access?km=5,10,7.3`);
    }
    // custom catchments at each level's limit (CATCHMENT_LIMIT_KM), over the largest areas and the
    // densest ones (a catchment's cost grows with the villages around the area's clinics)
    for (const [level, codes] of Object.entries({ province: [province, dense.province], district: [district, dense.district],
      subdistrict: [subdistrict, dense.subdistrict], village: [village, dense.village] })) {
      const limit = CATCHMENT_LIMIT_KM[level as AreaLevel];
      for (const code of new Set(codes)) if (limit) add('/api/areas/:code/access', `/api/areas/${code}/access?catchment_km=${limit}&km=3,7`);
    }
    for (const code of areas) {
      add('/api/areas/:code/potential', `/api/areas/${code}/potential`);
      add('/api/areas/:code/nightlight', `/api/areas/${code}/nightlight`);
    }
    // hotspots: default seed (the cached default view) and a new seed, every level; other measure, knn
    for (const level of ['province', 'district', 'subdistrict', 'village']) {
      add('/api/hotspots', `/api/hotspots?level=${level}`);
      add('/api/hotspots', `/api/hotspots?level=${level}&seed=${seed}`);
      add('/api/hotspots', `/api/hotspots?level=${level}&seed=${seed}&weights=knn&k=16&measure=m0`);
    }
    add('/api/hotspots', `/api/hotspots?level=village&parent=${province}&seed=${seed + 1}`);
    // exports (no statement time-out, cancelled on disconnect): measured for the record
    add('/api/households.csv', `/api/households.csv?province=${province}`, true);
    add('/api/households.csv', '/api/households.csv', true);
    // tiles, cold: every layer over the largest village's surroundings, z0-z14
    add('/tiles', '/tiles');
    add('/tiles/:layer.json', '/tiles/areas.json');
    add('/tiles/style.json', '/tiles/style.json');
    for (let z = 0; z <= 14; z++) {
      const t = tileOf(point.lon, point.lat, z);
      for (const layer of ['areas', 'boundaries', 'services', 'villages']) {
        if ((layer === 'services' && z < 8) || (layer === 'villages' && z < 11)) continue; // below the layer's minzoom
        add('/tiles/:layer/:z/:x/:y.mvt', `/tiles/${layer}/${z}/${t.x}/${t.y}.mvt`);
      }
      add('/tiles/:layer/:z/:x/:y.mvt', `/tiles/areas/${z}/${t.x}/${t.y}.mvt?metric=m0&year=${years[0]}`);
      if (nightYear) add('/tiles/:layer/:year/:z/:x/:y.png', `/tiles/nightlight/${nightYear}/${z}/${t.x}/${t.y}.png`);
    }
    return p;
  } finally {
    await db.destroy();
  }
}

async function measure(app: FastifyInstance, list: Probe[], headers: Record<string, string>): Promise<Sample[]> {
  const out: Sample[] = [];
  // the longest statement since the last reset, from knex's query events
  const running = new Map<string, number>();
  let longest = 0;
  const started = (q: { __knexQueryUid: string }) => running.set(q.__knexQueryUid, performance.now());
  const ended = (_r: unknown, q: { __knexQueryUid: string }) => {
    const t = running.get(q.__knexQueryUid);
    if (t !== undefined) longest = Math.max(longest, performance.now() - t);
    running.delete(q.__knexQueryUid);
  };
  app.db.on('query', started).on('query-response', ended).on('query-error', ended);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const timed = async (url: string, auth: boolean) => {
    longest = 0;
    loop.reset();
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: auth ? headers : {} });
    const ms = performance.now() - t;
    return { res, ms, statementMs: longest, loopMs: Math.max(0, loop.max / 1e6 - 10) };
  };
  for (const probe of list) {
    const { res, ms, statementMs, loopMs } = await timed(probe.url, !!probe.auth);
    out.push({ url: probe.url, route: probe.route, cls: routeClass(probe.route).name, status: res.statusCode, ms, statementMs, loopMs });
    // pages after the first: follow the cursor twice
    let cursor = probe.route === '/api/households' && res.statusCode === 200 ? (res.json() as { next_cursor: string | null }).next_cursor : null;
    for (let page = 2; page <= 3 && cursor; page++) {
      const { res: next, ms: pageMs, statementMs: pageStatementMs, loopMs: pageLoopMs } = await timed(`${probe.url}&cursor=${encodeURIComponent(cursor)}`, true);
      out.push({ url: `${probe.url} (page ${page})`, route: probe.route, cls: routeClass(probe.route).name, status: next.statusCode, ms: pageMs,
        statementMs: pageStatementMs, loopMs: pageLoopMs });
      cursor = next.statusCode === 200 ? (next.json() as { next_cursor: string | null }).next_cursor : null;
    }
  }
  loop.disable();
  app.db.off('query', started).off('query-response', ended).off('query-error', ended);
  return out;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export async function run(ctx: BenchContext): Promise<string> {
  const list = await probes(ctx.databaseUrl);
  ctx.log(`${list.length} requests × ${REPEAT}`);
  const worst = new Map<string, Sample>();
  for (let r = 0; r < REPEAT; r++) {
    const app = await buildApp({ databaseUrl: ctx.databaseUrl, logLevel: 'warn', statementTimeoutMs: UNLIMITED });
    try {
      await app.db('app_user').where({ username: BENCH_USER }).delete();
      const user = await createUser(app.db, { username: BENCH_USER, password: 'bench-password-not-used', role: 'admin', pii: true });
      const headers = { authorization: `Bearer ${(await createSession(app.db, user.id)).token}` };
      for (const s of await measure(app, list, headers)) {
        const prev = worst.get(s.url);
        worst.set(s.url, prev ? { ...s, ms: Math.max(s.ms, prev.ms), statementMs: Math.max(s.statementMs, prev.statementMs), loopMs: Math.max(s.loopMs, prev.loopMs) } : s);
        if (s.status >= 500) ctx.log(`${s.url}: ${s.status}`);
      }
      await app.db('audit_log').whereIn('user_id', [user.id]).delete();
      await app.db('app_user').where({ id: user.id }).delete();
    } finally {
      await app.close();
    }
  }
  const samples = [...worst.values()];
  const byClass = new Map<string, Sample[]>();
  for (const s of samples) byClass.set(s.cls, [...(byClass.get(s.cls) ?? []), s]);
  if (process.env.BENCH_BUDGETS_JSON) fs.writeFileSync(process.env.BENCH_BUDGETS_JSON, JSON.stringify(samples, null, 1));
  const lines = [
    `Database \`${databaseName(ctx.databaseUrl)}\`; ${list.length} legitimate requests, each once cold on a fresh app with no statement time-out`
      + `${REPEAT > 1 ? ` (the largest of ${REPEAT} runs)` : ''}, one at a time, timed inside the process (\`app.inject\`): the whole request, `
      + 'its longest statement (what a statement time-out stops), and the longest the event loop was blocked meanwhile.',
    '',
    '| class | requests | slowest request | its time | longest statement (of any request) | statement time-out | ÷ longest statement | longest event-loop block |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const cls of ROUTE_CLASSES) {
    const mine = (byClass.get(cls.name) ?? []).sort((a, b) => b.ms - a.ms);
    if (!mine.length) continue;
    const top = mine[0];
    const statement = Math.max(...mine.map((m) => m.statementMs));
    const loopMax = Math.max(...mine.map((m) => m.loopMs));
    lines.push(`| ${cls.name} | ${mine.length} | \`${top.url}\` | ${fmt(top.ms)} | ${fmt(statement)} | ${cls.statementTimeoutMs ? fmt(cls.statementTimeoutMs) : 'none'} | `
      + `${cls.statementTimeoutMs ? (cls.statementTimeoutMs / statement).toFixed(1) : '–'} | ${fmt(loopMax)} |`);
  }
  lines.push('', 'The slowest requests of each class:', '', '| class | request | status | time | longest statement | event-loop block |', '|---|---|---:|---:|---:|---:|');
  for (const cls of ROUTE_CLASSES) {
    for (const s of (byClass.get(cls.name) ?? []).sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      lines.push(`| ${cls.name} | \`${s.url}\` | ${s.status} | ${fmt(s.ms)} | ${fmt(s.statementMs)} | ${fmt(s.loopMs)} |`);
    }
  }
  const bad = samples.filter((s) => s.status >= 400);
  if (bad.length) lines.push('', `Not 2xx: ${bad.map((s) => `\`${s.url}\` ${s.status}`).join(', ')}.`);
  return lines.join('\n');
}
