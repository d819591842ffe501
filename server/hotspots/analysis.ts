/**
 * Hotspot analysis of one measure over the areas of one level (inside a parent area or the whole
 * country) in one survey year: Gi* and local Moran's I with their p-values, FDR-adjusted p-values and
 * classes. Areas with fewer than 5 households are left out (their shares are noise, and they are
 * suppressed in public output anyway); areas left without a neighbour are reported as islands.
 * The statistics run on a worker thread (server/hotspots/workers.ts), never on the event loop.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';
import { parentColumn, underParent } from '../areas/parent.js';
import { HttpProblem } from '../plugins/problem.js';
import { measureBinding, measureCells } from './measures.js';
import { QUADRANTS } from './compute.js';
import { hotspotClass, type MoranQuadrant } from './statistics.js';
import { islands, neighboursFromIndexLists } from './weights.js';
import { statisticsWorkers } from './workers.js';
import { stepMilliseconds } from '../db/timed-step.js';

export const MIN_HOUSEHOLDS = 5;
export const PERMUTATIONS = 999;
export const DEFAULT_SEED = 12345;
export const MAX_KNN = 16;

export interface HotspotQuery {
  level: AdminLevel;
  year: number;
  measure: string;
  weights: 'queen' | 'knn';
  /** Neighbours per area for knn weights (1..16). */
  k: number;
  parent?: string;
  /** Which p-values decide the classes. */
  correction: 'fdr' | 'none';
  seed: number;
}

export interface HotspotItem {
  code: string;
  name_th: string;
  name_en: string | null;
  value: number;
  neighbours: number;
  gi_z: number;
  gi_p: number;
  gi_p_fdr: number;
  gi_class: string;
  moran_i: number;
  moran_p: number | null;
  moran_p_fdr: number | null;
  /** The quadrant when significant at 5 %, else 'not-significant'; 'island' without neighbours. */
  moran_class: MoranQuadrant | 'not-significant' | 'island';
}

export interface HotspotAnswer {
  query: HotspotQuery;
  n: number;
  islands: string[];
  excluded_small: number;
  permutations: number;
  items: HotspotItem[];
}


/**
 * `background`: a refresh, which waits for a statistics thread however long the queue; a request is
 * refused with 503 when the queue is full.
 */
/** `f` over `xs` in slices, yielding to the event loop between them (villages: ~75,000 areas). */
export async function mapInSlices<T, U>(xs: T[], f: (x: T, i: number) => U, slice = 1000): Promise<U[]> {
  const out: U[] = new Array(xs.length);
  for (let start = 0; start < xs.length; start += slice) {
    if (start > 0) await new Promise<void>((resume) => setImmediate(resume));
    const end = Math.min(xs.length, start + slice);
    for (let i = start; i < end; i++) out[i] = f(xs[i], i);
  }
  return out;
}

export async function analyseHotspots(db: Knex, q: HotspotQuery, options: { background?: boolean } = {}): Promise<HotspotAnswer> {
  const measure = measureBinding(q.measure);
  if (!measure) throw new HttpProblem(400, `unknown measure "${q.measure}"`, { parameter: 'measure' });
  const column = q.parent === undefined ? undefined : await parentColumn(db, q.parent, q.level);
  const { rows } = await db.raw(sqlText('hotspots/area_values.sql'), {
    level: q.level, year: q.year, min_households: MIN_HOUSEHOLDS, ...measure, ...underParent(q.parent, column),
    withheld_cells: measureCells(q.measure).join(','),
  });
  // the SQL leaves the value of small areas null (their shares are noise), and of areas whose value
  // the disclosure policy withholds (a z-score would rest on it); they are only counted
  const areas = (rows as Array<{ code: string; name_th: string; name_en: string | null; households: number; value: number | null }>)
    .filter((a): a is typeof a & { value: number } => a.value !== null);
  const excludedSmall = rows.length - areas.length;
  if (areas.length < 3) {
    throw new HttpProblem(400, `only ${areas.length} ${q.level} area(s) with data${q.parent ? ` inside ${q.parent}` : ''}; hotspots need at least 3`, { parameter: q.parent ? 'parent' : 'level' });
  }
  const codes = areas.map((a) => a.code);
  // neighbour indexes come from SQL as small integer arrays: building weights from (code, code) pairs
  // took seconds on villages, on the event loop
  // the same areas in the same order, whatever made the others' values null (area codes hold no commas)
  const { rows: lists } = await db.raw(sqlText('hotspots/neighbour_indexes.sql'), {
    codes: codes.join(','), level: q.level, scheme: q.weights, k: q.k,
  });
  const w = neighboursFromIndexLists(codes, lists as Array<{ i: number; js: number[] }>);
  const values = Float64Array.from(areas, (a) => a.value);

  const s = await statisticsWorkers.run(
    { values, offsets: w.offsets, neighbours: w.neighbours, permutations: PERMUTATIONS, seed: q.seed },
    { wait: options.background },
  );
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  const items: HotspotItem[] = await mapInSlices(areas, (a, i) => {
    const neighbours = w.offsets[i + 1] - w.offsets[i];
    const giFdr = orNull(s.giFdr[i]) ?? 1;
    const moranPValue = orNull(s.moranP[i]);
    const moranFdr = orNull(s.moranFdr[i]);
    const giP = q.correction === 'fdr' ? giFdr : s.giP[i];
    const moranP = q.correction === 'fdr' ? moranFdr : moranPValue;
    const quadrant: MoranQuadrant = QUADRANTS[s.quadrant[i]];
    return {
      code: a.code, name_th: a.name_th, name_en: a.name_en, value: a.value, neighbours,
      gi_z: s.giZ[i], gi_p: s.giP[i], gi_p_fdr: giFdr,
      gi_class: hotspotClass(s.giZ[i], giP),
      moran_i: s.moranI[i], moran_p: moranPValue, moran_p_fdr: moranFdr,
      moran_class: neighbours === 0 ? 'island' : moranP !== null && moranP <= 0.05 ? quadrant : 'not-significant',
    };
  });
  return { query: q, n: items.length, islands: islands(w), excluded_small: excludedSmall, permutations: PERMUTATIONS, items };
}

/**
 * Recompute the default view (target share, queen weights, FDR, whole country) for every level of
 * every year, or of `only` those years (the others' rollups and decisions unchanged: their results,
 * seeded, would come out the same).
 */
export async function refreshHotspotResults(db: Knex, onLevel: (level: string, year: number, ms: string) => void = () => {},
                                            only?: readonly number[]): Promise<void> {
  const stored = (await db('area_stats').distinct('survey_year').orderBy('survey_year')).map((r) => r.survey_year as number);
  const years = only ? stored.filter((y) => only.includes(y)) : stored;
  await db.transaction(async (trx) => {
    const gone = trx('hotspot_result').where({ measure: 'target_share' });
    // a year no longer stored leaves no results behind
    await (only ? gone.where((q) => q.whereIn('survey_year', [...only]).orWhereNotIn('survey_year', stored)) : gone).delete();
    for (const year of years) {
      for (const level of ADMIN_LEVELS) {
        // a level too sparse for the statistic (e.g. villages with few households each) has no default view
        const [{ n }] = await trx('area_stats').where({ level, survey_year: year }).where('households', '>=', MIN_HOUSEHOLDS).count({ n: '*' });
        if (Number(n) < 3) continue;
        const started = performance.now();
        // fewer than 3 areas with a public value: no default view either
        const answer = await analyseHotspots(trx, { level, year, measure: 'target_share', weights: 'queen', k: 8, correction: 'fdr', seed: DEFAULT_SEED }, { background: true })
          .catch((err) => { if (err instanceof HttpProblem && err.status === 400) return null; throw err; });
        if (!answer) continue;
        const column = <K extends keyof HotspotItem>(key: K) => answer.items.map((it) => it[key]);
        await trx.raw(sqlText('hotspots/insert_results.sql'), {
          level, year, measure: 'target_share', codes: column('code'), values: column('value'),
          gi_z: column('gi_z'), gi_p: column('gi_p'), gi_p_fdr: column('gi_p_fdr'), gi_class: column('gi_class'),
          moran_i: column('moran_i'), moran_p: column('moran_p'), moran_p_fdr: column('moran_p_fdr'), moran_class: column('moran_class'),
        });
        onLevel(level, year, stepMilliseconds(started));
      }
    }
  });
}
