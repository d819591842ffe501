/**
 * The measures a hotspot or change analysis can run on, as SQL expressions over area_stats.
 * `indicator:<id>` is the indicator's censored headcount ratio (share of people who are
 * Alkire-Foster poor and deprived in it); `dimension:<id>` the share of households failing it.
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';

const BASE: Record<string, (t: string) => string> = {
  target_share: (t) => `${t}.target_share`,
  h: (t) => `${t}.h`,
  a: (t) => `${t}.a`,
  m0: (t) => `${t}.m0`,
  vulnerable_share: (t) => `${t}.vulnerable_households::float8 / ${t}.households`,
};

export const MEASURES: string[] = [
  ...Object.keys(BASE),
  ...INDICATORS.map((i) => `indicator:${i.id}`),
  ...DIMENSIONS.map((d) => `dimension:${d.id}`),
];

/** The SQL expression of a measure over area_stats aliased `table`, or undefined for no such measure. */
export function measureSql(measure: string, table = 's'): string | undefined {
  if (Object.hasOwn(BASE, measure)) return BASE[measure](table);
  const [kind, id] = measure.split(':');
  if (kind === 'indicator') {
    const ind = INDICATORS.find((i) => i.id === id);
    return ind && `${table}.censored_people[${ind.number}]::float8 / ${table}.people`;
  }
  if (kind === 'dimension') {
    const dim = DIMENSIONS.find((d) => d.id === id);
    return dim && `${table}.dim_failed_households[${dim.number}]::float8 / ${table}.households`;
  }
  return undefined;
}
