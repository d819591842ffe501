/**
 * `npm run bench -- hotspots`: Getis-Ord Gi* and local Moran's I (999 conditional permutations) of
 * target share over every subdistrict and every village of the national profile, queen weights.
 * Per level, split into
 * - load: the values (area_stats) and the neighbour pairs (spatial_neighbour) read from PostgreSQL,
 *   with the same queries the analysis runs;
 * - compute: building the compressed-row weights, Gi*, local Moran, and the two FDR adjustments;
 * and, measured side by side in the same run as a baseline, one pass over the weights (the spatial
 * lag of every area), so the compute figure reads as "so many passes over the weights" whatever the
 * machine. Also the whole analyseHotspots call (what GET /api/hotspots runs). Goals (issue 9):
 * subdistricts ≤ 2 s, villages ≤ 30 s, load + compute. Needs povmap.refresh_spatial_weights() on the
 * national database (the benchmark runs it when spatial_neighbour is empty).
 */
import os from 'node:os';
import { createDb, type Db } from '../../server/db/knex.js';
import { sqlText } from '../../sql/load.js';
import type { AdminLevel as Level } from '../../tiles/levels.js';
import { analyseHotspots, DEFAULT_SEED, MIN_HOUSEHOLDS, PERMUTATIONS } from '../../server/hotspots/analysis.js';
import { measureBinding, measureCells } from '../../server/hotspots/measures.js';
import { benjaminiHochberg, getisOrdGiStar, localMoran } from '../../server/hotspots/statistics.js';
import { neighboursFromPairs, type Neighbours } from '../../server/hotspots/weights.js';
import type { BenchContext } from './run.js';
import { median } from './quantile.js';
import { profileName } from './profile-name.js';

const RUNS = 3;
const GOALS: Partial<Record<Level, number>> = { subdistrict: 2000, village: 30000 };

const now = () => Number(process.hrtime.bigint()) / 1e6;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

async function loadLevel(db: Db, level: Level, year: number) {
  const { rows } = await db.raw(sqlText('hotspots/area_values.sql'), {
    level, year, min_households: MIN_HOUSEHOLDS, ...measureBinding('target_share'), province: null, district: null, subdistrict: null,
    withheld_cells: measureCells('target_share').join(','),
  });
  const areas = (rows as Array<{ code: string; households: number; value: number | null }>).filter((a) => a.value !== null);
  const pairs = await db('spatial_neighbour').where({ scheme: 'queen', level }).select('code', 'neighbour_code');
  return { areas: areas as Array<{ code: string; value: number }>, pairs: pairs as Array<{ code: string; neighbour_code: string }> };
}

function compute(areas: Array<{ code: string; value: number }>, pairs: Array<{ code: string; neighbour_code: string }>) {
  const t0 = now();
  const w = neighboursFromPairs(areas.map((a) => a.code), pairs.map((p) => [p.code, p.neighbour_code] as [string, string]));
  const values = Float64Array.from(areas, (a) => a.value);
  const t1 = now();
  const gi = getisOrdGiStar(values, w);
  const t2 = now();
  const moran = localMoran(values, w, PERMUTATIONS, DEFAULT_SEED);
  const t3 = now();
  benjaminiHochberg(gi.map((g) => g.p));
  benjaminiHochberg(moran.map((m) => m.p));
  const t4 = now();
  return { w, values, weights: t1 - t0, gi: t2 - t1, moran: t3 - t2, fdr: t4 - t3, total: t4 - t0 };
}

/** The baseline: one pass over the weights, the spatial lag of every area. */
function lagPass(values: Float64Array, w: Neighbours): { ms: number; checksum: number } {
  const t = now();
  let checksum = 0;
  for (let i = 0; i < values.length; i++) {
    let lag = 0;
    for (let e = w.offsets[i]; e < w.offsets[i + 1]; e++) lag += values[w.neighbours[e]];
    checksum += lag;
  }
  return { ms: now() - t, checksum };
}

export async function run(ctx: BenchContext): Promise<string> {
  const db = createDb(ctx.databaseUrl, { max: 2 });
  try {
    const [{ n }] = (await db.raw(`select count(*)::int as n from spatial_neighbour where scheme = 'queen'`)).rows;
    if (n === 0) {
      ctx.log('spatial_neighbour is empty: running povmap.refresh_spatial_weights()');
      await db.raw('select povmap.refresh_spatial_weights()');
    }
    const year = (await db('area_stats').max({ y: 'survey_year' }))[0].y as number;
    const [{ households }] = (await db.raw(`select households from area_stats where code = 'TH' and survey_year = ?`, [year])).rows;
    const rows: string[] = [];
    for (const level of ['subdistrict', 'village'] as const) {
      const loads: number[] = [];
      const computes: Array<ReturnType<typeof compute>> = [];
      const lags: number[] = [];
      let areas = 0;
      let edges = 0;
      let loadBefore = '';
      for (let r = 0; r < RUNS; r++) {
        if (r === 0) loadBefore = load();
        ctx.log(`${level}: run ${r + 1}/${RUNS}`);
        const t = now();
        const data = await loadLevel(db, level, year);
        loads.push(now() - t);
        const c = compute(data.areas, data.pairs);
        computes.push(c);
        // the lag pass is a few ms: repeat it so the timer's resolution does not dominate
        const reps = 20;
        let sum = 0;
        for (let k = 0; k < reps; k++) sum += lagPass(c.values, c.w).ms;
        lags.push(sum / reps);
        areas = c.values.length;
        edges = c.w.neighbours.length;
      }
      ctx.log(`${level}: analyseHotspots end to end`);
      const te = now();
      await analyseHotspots(db, { level, year, measure: 'target_share', weights: 'queen', k: 8, correction: 'fdr', seed: DEFAULT_SEED });
      const endToEnd = now() - te;
      const loadMs = median(loads);
      const pick = (k: 'weights' | 'gi' | 'moran' | 'fdr' | 'total') => median(computes.map((c) => c[k]));
      const lag = median(lags);
      const total = loadMs + pick('total');
      const goal = GOALS[level]!;
      rows.push(`| ${level} | ${areas.toLocaleString('en')} | ${edges.toLocaleString('en')} | ${loadMs.toFixed(0)} | ${pick('weights').toFixed(0)} | ` +
        `${pick('gi').toFixed(1)} | ${pick('moran').toFixed(0)} | ${pick('fdr').toFixed(1)} | ${pick('total').toFixed(0)} | ` +
        `${lag.toFixed(2)} | ${(pick('moran') / lag).toFixed(0)} | ${total.toFixed(0)} | ${(goal / 1000).toFixed(0)} s | ` +
        `**${(total / goal).toFixed(2)}** | ${endToEnd.toFixed(0)} | ${loadBefore} → ${load()} |`);
    }
    return [
      `Database: ${profileName(households)} (${Number(households).toLocaleString('en')} households, survey year ${year}); measure target share, queen ` +
        `contiguity, row-standardised, ${PERMUTATIONS} permutations, FDR; areas with ≥ ${MIN_HOUSEHOLDS} households. ` +
        `Median of ${RUNS} runs, times in ms. "lag pass" is the baseline measured in the same run: one pass over the ` +
        `weights computing every area's spatial lag; "Moran ÷ lag" says how many such passes the permutation test costs ` +
        `(999 permutations per area, each about as dear as one lag pass, so ≈ 1000 means the test runs as tight as a plain pass over the weights). "total ÷ goal" ≤ 1 meets the goal.`,
      '',
      '| level | areas | neighbour pairs | load (SQL) | build weights | Gi* | local Moran | FDR | compute | lag pass | Moran ÷ lag | load + compute | goal | total ÷ goal | analyseHotspots end to end | load average 1/5/15 min (before → after) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...rows,
    ].join('\n');
  } finally {
    await db.destroy();
  }
}
