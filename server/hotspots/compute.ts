/**
 * The arithmetic of one hotspot analysis, from values and weights to every area's statistics, in a
 * form that crosses a thread boundary cheaply (typed arrays in, typed arrays out): the part that takes
 * seconds on villages (999 permutations per area), so server/hotspots/workers.ts runs it off the event
 * loop. Null p-values travel as NaN.
 */
import { benjaminiHochberg, getisOrdGiStar, localMoran, type MoranQuadrant } from './statistics.js';

export interface StatisticsInput {
  values: Float64Array;
  offsets: Int32Array;
  neighbours: Int32Array;
  permutations: number;
  seed: number;
}

export const QUADRANTS: MoranQuadrant[] = ['high-high', 'low-low', 'high-low', 'low-high'];

export interface StatisticsOutput {
  giZ: Float64Array;
  giP: Float64Array;
  /** FDR-adjusted Gi* p-values; NaN for areas without neighbours (not tested). */
  giFdr: Float64Array;
  moranI: Float64Array;
  /** NaN: no neighbours (no test). */
  moranP: Float64Array;
  moranFdr: Float64Array;
  /** Index into QUADRANTS. */
  quadrant: Uint8Array;
}

const orNaN = (v: number | null) => (v === null ? NaN : v);

export function computeStatistics(input: StatisticsInput): StatisticsOutput {
  const { values, offsets, neighbours, permutations, seed } = input;
  const w = { codes: [], offsets, neighbours };
  const n = values.length;
  const gi = getisOrdGiStar(values, w);
  const moran = localMoran(values, w, permutations, seed);
  const giFdr = benjaminiHochberg(gi.map((g, i) => (offsets[i + 1] > offsets[i] ? g.p : null)));
  const moranFdr = benjaminiHochberg(moran.map((m) => m.p));
  const out: StatisticsOutput = {
    giZ: new Float64Array(n), giP: new Float64Array(n), giFdr: new Float64Array(n),
    moranI: new Float64Array(n), moranP: new Float64Array(n), moranFdr: new Float64Array(n), quadrant: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.giZ[i] = gi[i].z;
    out.giP[i] = gi[i].p;
    out.giFdr[i] = orNaN(giFdr[i]);
    out.moranI[i] = moran[i].i;
    out.moranP[i] = orNaN(moran[i].p);
    out.moranFdr[i] = orNaN(moranFdr[i]);
    out.quadrant[i] = QUADRANTS.indexOf(moran[i].quadrant);
  }
  return out;
}
