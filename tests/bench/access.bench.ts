/**
 * `npm run bench -- access`: service accessibility on the national profile (server/access/measure.ts).
 * - The refresh (server/access/refresh.ts: nearest school and clinic of every household, province by
 *   province on two connections, then the villages' 2SFCA and the rollup), with its progress, against
 *   a baseline measured in the same run: one plain scan of the household table (`count(geom)`).
 * - The search itself on one province: the refresh's measuring (households read out, searched here
 *   on a static index of the services, rows written back) against the per-household KNN search in
 *   the database (povmap.nearest_service for every household), both exact.
 * - On request: the share of target households farther than a custom distance (7.3 km) for a
 *   province and the country, against the rollup read (5 km) and a plain count of the same target
 *   households in household; the 2SFCA for a custom catchment (15 km) against the rollup's 10 km.
 * Migrates the database first (the benchmark database may predate the accessibility tables).
 */
import os from 'node:os';
import { areaAccess, clinic2sfca, farCounts } from '../../server/access/figures.js';
import { loadAccessServices, measureHouseholdAccess, measuringThread } from '../../server/access/measure.js';
import { refreshServiceAccess } from '../../server/access/refresh.js';
import { continuesStep } from '../../server/generate/derive.js';
import { findArea } from '../../server/areas/repository.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { migrate } from '../../server/db/migrate.js';
import type { BenchContext } from './run.js';
import { median } from './quantile.js';
import { profileName } from './profile-name.js';

const RUNS = 5;
const SEARCH_PROVINCE = '75'; // Samut Songkhram, the smallest province: the per-household search is slow
const ON_REQUEST_PROVINCE = '30'; // Nakhon Ratchasima, the most households

const now = () => Number(process.hrtime.bigint()) / 1e6;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(0)} s` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

async function timed(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    await fn();
    times.push(now() - t);
  }
  return median(times);
}

async function scalar(db: Db, sql: string, bindings: unknown[] = []): Promise<number> {
  const { rows } = await db.raw(sql, bindings as never);
  return Number(Object.values(rows[0])[0]);
}

export async function run(ctx: BenchContext): Promise<string> {
  const db = createDb(ctx.databaseUrl, { max: 3 });
  try {
    const applied = await migrate(db);
    if (applied.length) ctx.log(`applied ${applied.join(', ')}`);
    const year = await scalar(db, `select max(survey_year) from area_stats where code = 'TH'`);
    const households = await scalar(db, 'select count(*) from household');
    const out: string[] = [];

    // 1. the refresh against one plain scan of household
    ctx.log('baseline: one scan of household (count(geom))');
    const loadBefore = load();
    const scan = await timed(() => db.raw('select count(geom) from household'), 1);
    ctx.log(`baseline ${ms(scan)}; refreshing the accessibility tables`);
    const t0 = now();
    // the refresh logs once per province, then each later step as it starts (and as it ends, with
    // its milliseconds): the start of each step named below splits the refresh's time
    const starts = new Map<string, number>();
    let provincesDone = 0;
    await refreshServiceAccess(db, (step) => {
      ctx.log(step);
      if (/^Distances to the nearest school and clinic: province /.test(step)) provincesDone += 1;
      else if (!continuesStep(step) && !starts.has(step)) starts.set(step, now());
    });
    const t1 = now();
    const refresh = t1 - t0;
    const startOf = (prefix: string) => {
      const found = [...starts].find(([step]) => step.startsWith(prefix));
      if (!found) throw new Error(`the refresh logged no step "${prefix}…"`);
      return found[1];
    };
    const [vacuum, sfca, rollup, decide, tileFigures] = ['Vacuuming the distances', 'Clinic capacity per person', 'Refreshing the accessibility rollup',
      'Deciding what the public may see', 'Storing the tile figures'].map(startOf);
    const distancesMs = vacuum - t0;
    const steps: Array<[string, number]> = [
      ['vacuum analyze of the distances', sfca - vacuum],
      ['2SFCA of every village (d0 = 10 km)', rollup - sfca],
      ['rollup (area_access_counts)', decide - rollup],
      ['the policy\'s decisions over every area and year', tileFigures - decide],
      ['the stored tile figures', t1 - tileFigures],
    ];
    const rows = await scalar(db, 'select count(*) from household_access');
    const unsure = await scalar(db, `select count(*) from household_access where school_m is null or clinic_m is null`);
    out.push(
      `### Refresh (${profileName(households)}: ${households.toLocaleString('en')} households, survey year ${year})`,
      '',
      'One run, two connections (one per core), progress logged per province. Baseline in the same run: one plain scan of `household` (`select count(geom) from household`).',
      '',
      '| step | time | ÷ baseline scan |',
      '|---|---:|---:|',
      `| baseline: scan of household | ${ms(scan)} | 1 |`,
      `| distances of ${rows.toLocaleString('en')} households to the nearest school and clinic (${provincesDone} provinces) | ${ms(distancesMs)} | ${(distancesMs / scan).toFixed(1)} |`,
      ...steps.map(([s, t]) => `| ${s} | ${ms(t)} | ${(t / scan).toFixed(2)} |`),
      `| **whole refresh** | **${ms(refresh)}** | **${(refresh / scan).toFixed(1)}** |`,
      '',
      `Households without a distance: ${unsure.toLocaleString('en')}. Load average 1/5/15 min: ${loadBefore} → ${load()}.`,
      '',
    );

    // 2. the search on one province: the refresh's measuring vs a search per household in the database
    ctx.log(`search on province ${SEARCH_PROVINCE}: the refresh's measuring`);
    const provinceHouseholds = await scalar(db, 'select count(*) from household where province_code = ?', [SEARCH_PROVINCE]);
    const loadSearch = load();
    // rolled back: rewriting one province alone would leave its villages without their 2SFCA ratio
    const trx = await db.transaction();
    let measuring: number;
    try {
      const thread = measuringThread(await loadAccessServices(trx));
      try {
        measuring = await timed(() => measureHouseholdAccess(trx, thread, { province: SEARCH_PROVINCE, years: null, remeasure: true, part: 0, parts: 1 }), 1);
      } finally {
        await thread.close();
      }
    } finally {
      await trx.rollback();
    }
    ctx.log(`search on province ${SEARCH_PROVINCE}: per household (povmap.nearest_service)`);
    const perHousehold = await timed(() => db.raw(`
      select count(s.metres) + count(c.metres) from household h
      left join lateral povmap.nearest_service(h.geom, 'school') s on true
      left join lateral povmap.nearest_service(h.geom, 'clinic') c on true
      where h.province_code = ?`, [SEARCH_PROVINCE]), 1);
    const mismatch = await scalar(db, `
      select count(*) from household_access a join household h using (survey_year, house_code)
      cross join lateral povmap.nearest_service(h.geom, 'clinic') c
      where a.province_code = ? and abs(a.clinic_m - c.metres) >= 1`, [SEARCH_PROVINCE]);
    out.push(
      `### The search, province ${SEARCH_PROVINCE} (${provinceHouseholds.toLocaleString('en')} households, one connection)`,
      '',
      '| method | time | µs per household | ÷ the refresh\'s |',
      '|---|---:|---:|---:|',
      `| the refresh's measuring: households read out, searched on a static index of the services in Node, rows written back (server/access/measure.ts) | ${ms(measuring)} | ${(measuring * 1000 / provinceHouseholds).toFixed(0)} | 1 |`,
      `| per household in the database: KNN on the GiST index + geodesic re-rank (povmap.nearest_service, baseline, reads only) | ${ms(perHousehold)} | ${(perHousehold * 1000 / provinceHouseholds).toFixed(0)} | ${(perHousehold / measuring).toFixed(1)} |`,
      '',
      `Clinic distances differing by 1 m or more between the two: ${mismatch}. Load average: ${loadSearch} → ${load()}.`,
      '',
    );

    // 3. on request
    const loadRequest = load();
    const table: string[] = [];
    for (const code of [ON_REQUEST_PROVINCE, 'TH']) {
      const area = (await findArea(db, code))!;
      const targets = await scalar(db, `select count(*) from household where survey_year = ? and deprived <> 0 ${code === 'TH' ? '' : 'and province_code = ?'}`,
        code === 'TH' ? [year] : [year, code]);
      ctx.log(`on request: ${code}`);
      const custom = await timed(() => farCounts(db, area, year, [7.3]));
      const rollup = await timed(() => areaAccess(db, area, year, [5], 10, null));
      const route = await timed(() => areaAccess(db, area, year, [5, 7.3], 10, null));
      const plain = await timed(() => db.raw(`select count(*) from household where survey_year = ? and deprived <> 0 ${code === 'TH' ? '' : 'and province_code = ?'}`,
        code === 'TH' ? [year] : [year, code]));
      const sfca = await timed(() => clinic2sfca(db, code, year, 15), code === 'TH' ? 1 : RUNS);
      table.push(`| ${code} (${targets.toLocaleString('en')} target households) | ${ms(custom)} | ${ms(route)} | ${ms(rollup)} | ${ms(plain)} | ${(custom / plain).toFixed(2)} | ${ms(sfca)} |`);
    }
    out.push(
      '### On request',
      '',
      `Median of ${RUNS} runs (the country's 2SFCA: one run). "custom" counts the target households farther than 7.3 km from household_access ` +
        '(index-only scan of household_access_target_idx); "route" is everything GET /api/areas/{code}/access?km=5,7.3 reads; "rollup" the same at km=5 ' +
        '(area_access_stats only); the baseline is a plain count of the same target households in household (`deprived <> 0`, by the province index or a scan). ' +
        '"2SFCA 15 km" computes the ratio for a catchment other than the precomputed 10 km (sql/api/area_access_2sfca.sql).',
      '',
      '| area | custom 7.3 km | route km=5,7.3 | rollup km=5 | baseline count | custom ÷ baseline | 2SFCA 15 km |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...table,
      '',
      `Load average: ${loadRequest} → ${load()}.`,
    );
    return out.join('\n');
  } finally {
    await db.destroy();
  }
}
