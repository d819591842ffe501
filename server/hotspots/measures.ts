/**
 * The measures a hotspot or change analysis can run on. The SQL computes them over area_stats
 * (sql/hotspots/area_values.sql, changes.sql) from two bindings, `kind` and `number`:
 * `indicator:<id>` is the indicator's censored headcount ratio (share of people who are Alkire-Foster
 * poor and deprived in it); `dimension:<id>` the share of households failing it.
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';

const BASE = ['target_share', 'h', 'a', 'm0', 'vulnerable_share'] as const;

export const MEASURES: string[] = [
  ...BASE,
  ...INDICATORS.map((i) => `indicator:${i.id}`),
  ...DIMENSIONS.map((d) => `dimension:${d.id}`),
];

/** The bindings that select a measure in the SQL. */
export interface MeasureBinding {
  kind: (typeof BASE)[number] | 'indicator' | 'dimension';
  /** The indicator's or dimension's number (1-based), null for the others. */
  number: number | null;
}

/** The bindings of a measure, or undefined for no such measure. */
export function measureBinding(measure: string): MeasureBinding | undefined {
  if ((BASE as readonly string[]).includes(measure)) return { kind: measure as MeasureBinding['kind'], number: null };
  const [kind, id] = measure.split(':');
  if (kind === 'indicator') {
    const ind = INDICATORS.find((i) => i.id === id);
    return ind && { kind, number: ind.number };
  }
  if (kind === 'dimension') {
    const dim = DIMENSIONS.find((d) => d.id === id);
    return dim && { kind, number: dim.number };
  }
  return undefined;
}
