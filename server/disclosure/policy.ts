/**
 * The disclosure policy of every public aggregate output (issue 15), TypeScript side. The rules and
 * their precomputed decisions (server/disclosure/suppression.ts → the table area_public) are
 * shared by the tiles and the API; this module reads those decisions and applies the
 * same rules to figures computed on request (another k, other distances, live logbook counts):
 * - primary: a count of households or people from 1 to MIN_CELL - 1 is withheld ('count-1-4');
 *   zero is published; an area with 1 to 4 households publishes only its name and code;
 * - complementary: within a partition, one withheld cell under a published total takes the next
 *   smallest non-zero cell with it (the total when there is none) — `partition` below;
 * - a share, mean, index or z-score is published only when every count it rests on is
 *   ('from-withheld-count').
 * A withheld value is null and its key is in the response's `withheld` map with the reason.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { MIN_CELL } from './suppression.js';
import { GROUP_FIGURES } from './group-figures.js';
import { FINANCE_MEASURE_CELLS } from './finance-figures.js';
import { isRegistryGroup } from '../people/registry-groups.js';

export { MIN_CELL };

export type Reason = 'area-under-5' | 'count-1-4' | 'complementary' | 'from-withheld-count' | 'previous-year-withheld';
export type Withheld = Record<string, Reason>;

/** A count the public may not see on its own. */
export const isSmallCount = (n: number | null | undefined) => typeof n === 'number' && n > 0 && n < MIN_CELL;

/** The policy's precomputed decisions for one area and year (area_public). */
export interface AreaDecision {
  suppressed: boolean;
  /** Withheld rollup cells, cell → reason (cells named as in server/disclosure/cells.ts). */
  cells: Withheld;
  /** Withheld tile figures, figure → reason (keys of tile_area_metrics). */
  figures: Withheld;
}

/** An area the policy has not decided on yet (its rollup row is newer): nothing of it is published. */
const UNDECIDED: AreaDecision = { suppressed: true, cells: {}, figures: {} };

/** A row of area_public as read (its columns), or undefined: the area is undecided. */
export interface DecisionRow {
  suppressed: boolean;
  cells: Withheld;
  withheld: Withheld;
}

/** The decision a row of area_public holds; no row: the area is undecided (nothing published). */
export const decisionOf = (row: DecisionRow | undefined): AreaDecision =>
  row ? { suppressed: row.suppressed, cells: row.cells, figures: row.withheld } : UNDECIDED;

/** The decisions for some areas in one survey year. */
export async function areaDecisions(db: Knex, codes: string[], year: number): Promise<Map<string, AreaDecision>> {
  if (!codes.length) return new Map();
  const { rows } = await db.raw(sqlText('api/area_public.sql'), { year, codes: codes.join(',') });
  const byCode = new Map<string, DecisionRow>(rows.map((r: DecisionRow & { code: string }) => [r.code, r]));
  return new Map(codes.map((c) => [c, decisionOf(byCode.get(c))]));
}

/**
 * A recorder for one output: `count` and `share` return the published value (or null, recording
 * why under `key`), `partition` applies the within-area complementary rule to cells counted on request.
 */
export class Disclosure {
  readonly withheld: Withheld = {};

  constructor(readonly applies: boolean, readonly known: Withheld = {}) {}

  /** The count, or null when it is 1..4 or the policy withheld it already. */
  count(key: string, n: number | null, cell = key): number | null {
    if (!this.applies || n === null) return n;
    const reason = this.known[cell] ?? (isSmallCount(n) ? 'count-1-4' : undefined);
    if (!reason) return n;
    this.withheld[key] = reason;
    return null;
  }

  /** A figure computed from counts: null when any of them is withheld (or the value is missing). */
  follows(key: string, value: number | null, ...inputs: Array<number | null>): number | null {
    if (!this.applies || value === null) return value;
    if (inputs.some((n) => n === null || isSmallCount(n))) {
      this.withheld[key] = 'from-withheld-count';
      return null;
    }
    return value;
  }

  /**
   * Cells of a partition of `total` (already disclosed): when the total is published and exactly one
   * cell is withheld, the smallest published non-zero cell is withheld too (none left: the caller
   * must withhold the total; returned as `totalToo`). Keys are the cells' output keys.
   */
  partition(total: number | null, cells: Record<string, number | null>, raw: Record<string, number>): { cells: Record<string, number | null>; totalToo: boolean } {
    const out = { ...cells };
    if (!this.applies || total === null) return { cells: out, totalToo: false };
    const withheld = Object.keys(out).filter((k) => out[k] === null && raw[k] !== undefined);
    if (withheld.length !== 1) return { cells: out, totalToo: false };
    const next = Object.keys(out).filter((k) => out[k] !== null && raw[k] > 0).sort((a, b) => raw[a] - raw[b] || a.localeCompare(b))[0];
    if (next === undefined) return { cells: out, totalToo: true };
    out[next] = null;
    this.withheld[next] = 'complementary';
    return { cells: out, totalToo: false };
  }
}

/**
 * The cells a per-area measure rests on (target_share, h, a, m0, vulnerable_share,
 * indicator:<id>, dimension:<id>, group:<id>, people_<group>, share_<group>): its value is withheld where any of them is.
 */
export function measureCells(measure: string): string[] {
  const [kind, id] = measure.split(':');
  // groups 3.2 and 4 (the registry linkage) are counts: their own cell
  if (kind === 'group' && isRegistryGroup(id)) return [id];
  if (kind === 'indicator') return [`deprived_${id}`, 'households'];
  // a group's measure (group:<id>) is its share; a map measure names the tile figure itself
  const figure = kind === 'group' ? `share_${id}` : measure;
  const group = GROUP_FIGURES.find(([f]) => f === figure);
  if (group) return group[1];
  if (kind === 'dimension') return [`dim_failed_${id}`, 'households'];
  const cells: Record<string, string[]> = {
    target_share: ['target_households', 'households'], vulnerable_share: ['vulnerable_households', 'households'],
    h: ['poor_people', 'people'], a: ['poor_people'], m0: ['poor_people', 'people'],
    // household debt and access to finance (issue 24): counts, and shares of the households asked
    ...FINANCE_MEASURE_CELLS,
  };
  return cells[kind] ?? [];
}

/** The areas of some survey years whose value of a measure resting on `cells` is withheld. */
export async function withheldAreas(db: Knex, years: number[], cells: string[]): Promise<Set<string>> {
  if (!cells.length || !years.length) return new Set();
  const { rows } = await db.raw(sqlText('api/area_withheld_for.sql'), { years: years.join(','), cells: cells.join(',') });
  return new Set(rows.map((r: { code: string }) => r.code));
}
