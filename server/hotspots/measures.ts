/**
 * The measures a hotspot or change analysis can run on. The SQL computes them over area_stats
 * (sql/hotspots/area_values.sql, changes.sql) from two bindings, `kind` and `number`:
 * `indicator:<id>` is the indicator's censored headcount ratio (share of people who are Alkire-Foster
 * poor and deprived in it); `dimension:<id>` the share of households failing it; `group:<id>` a group of
 * people's share of the group it is of (area_person_stats, server/people/groups.ts).
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { measureCells as rankingCells } from '../disclosure/policy.js';
import { GROUP_MEASURES } from '../people/groups.js';

const BASE = ['target_share', 'h', 'a', 'm0', 'vulnerable_share'] as const;

export const MEASURES: string[] = [
  ...BASE,
  ...INDICATORS.map((i) => `indicator:${i.id}`),
  ...DIMENSIONS.map((d) => `dimension:${d.id}`),
  ...GROUP_MEASURES.map((g) => `group:${g.id}`),
];

/** The bindings that select a measure in the SQL. */
export interface MeasureBinding {
  kind: (typeof BASE)[number] | 'indicator' | 'dimension' | 'group';
  /** The indicator's or dimension's number (1-based), null for the others. */
  number: number | null;
  /** A group of people: its column in area_person_stats and the column of the group it is a share of; null for the others. */
  group: string | null;
  group_of: string | null;
}

/** The bindings of a measure, or undefined for no such measure. */
export function measureBinding(measure: string): MeasureBinding | undefined {
  const none = { number: null, group: null, group_of: null };
  if ((BASE as readonly string[]).includes(measure)) return { ...none, kind: measure as MeasureBinding['kind'] };
  const [kind, id] = measure.split(':');
  if (kind === 'indicator') {
    const ind = INDICATORS.find((i) => i.id === id);
    return ind && { ...none, kind, number: ind.number };
  }
  if (kind === 'dimension') {
    const dim = DIMENSIONS.find((d) => d.id === id);
    return dim && { ...none, kind, number: dim.number };
  }
  if (kind === 'group') {
    const group = GROUP_MEASURES.find((g) => g.id === id);
    return group && { ...none, kind, group: group.id, group_of: group.of };
  }
  return undefined;
}

/**
 * The counts a measure's value rests on (cells of the disclosure policy, server/disclosure/cells.ts):
 * where the policy withholds one of them for an area, the area has no public value of the measure,
 * and the analyses leave it out (sql/hotspots/area_values.sql), so no z-score rests on it either.
 * As in rankings, but an indicator's measure here is its censored headcount ratio.
 */
export function measureCells(measure: string): string[] {
  const [kind, id] = measure.split(':');
  return kind === 'indicator' ? [`censored_people_${id}`, 'people'] : rankingCells(measure);
}
