/**
 * Local spatial statistics on one admin level: Getis-Ord Gi* and local Moran's I with
 * conditional-permutation pseudo p-values, plus Benjamini-Hochberg false discovery rate control.
 * Pure functions over arrays. Gi* is the classical statistic of Getis & Ord (1992) and Ord & Getis
 * (1995) with binary contiguity weights including the area itself; local Moran's I follows Anselin
 * (1995) with row-standardised weights; PySAL's esda Moran_Local divides by Σz²/(n − 1) instead of
 * Σz²/n, so its Is are (n − 1)/n times these (same p-values and quadrants;
 * tests/unit/hotspot-moran-esda.test.ts checks both against esda's output).
 */
import erfc from '@stdlib/math-base-special-erfc';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Neighbours } from './weights.js';

/** Two-sided p-value of a standard normal z-score. */
export function normalTwoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

export interface GiStar {
  z: number;
  p: number;
}

/**
 * Gi* with binary weights including self: w_ij = 1 for j in N_i ∪ {i} (k_i = |N_i| + 1 of them), else 0.
 *   Gi* = (Σ_j w_ij x_j − x̄ W_i) / (S √((n Σ_j w_ij² − W_i²) / (n − 1)))
 *       = (Σ_{j∈N_i∪{i}} x_j − k_i x̄) / (S √((n k_i − k_i²) / (n − 1)))
 * with W_i = Σ_j w_ij, x̄ and S the mean and (population) standard deviation of all n values.
 * The code scales row i by 1/k_i (a mean instead of a sum), which changes nothing: a common factor of
 * a row cancels between numerator and denominator, so "row-standardised" weights would give these
 * same z-scores. PySAL's esda G_Local(star=True, transform='R') computes a different statistic and
 * is not offered: one statistic stated exactly beats two near-twins a user must choose between, and
 * the classical form is the one whose normal approximation Ord & Getis (1995) derived.
 * An area with no neighbour gets z = 0, p = 1 (it only compares with itself), and so does every area
 * when all values are equal.
 */
export function getisOrdGiStar(values: Float64Array, w: Neighbours): GiStar[] {
  const n = values.length;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    sumSq += values[i] * values[i];
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const out: GiStar[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const start = w.offsets[i];
    const end = w.offsets[i + 1];
    const k = end - start + 1; // neighbours plus the area itself
    if (k === 1 || s === 0) {
      out[i] = { z: 0, p: 1 };
      continue;
    }
    const wij = 1 / k;
    let local = values[i];
    for (let e = start; e < end; e++) local += values[w.neighbours[e]];
    const numerator = wij * local - mean; // W_i = 1
    const denominator = s * Math.sqrt((n * k * wij * wij - 1) / (n - 1));
    const z = numerator / denominator;
    out[i] = { z, p: normalTwoSidedP(z) };
  }
  return out;
}

export type MoranQuadrant = 'high-high' | 'low-low' | 'high-low' | 'low-high';

export interface LocalMoran {
  i: number;
  /** Pseudo p-value from conditional permutations (folded, as in PySAL): (M + 1) / (P + 1). */
  p: number | null;
  quadrant: MoranQuadrant;
}

/**
 * Local Moran's I_i = (z_i / m2) Σ_j w_ij z_j with z = x − x̄, m2 = Σ z² / n and row-standardised
 * weights. Its pseudo p-value holds area i's value fixed and gives it |N_i| neighbours drawn at random
 * without replacement from the other n − 1 areas, `permutations` times. As in PySAL's conditional
 * randomisation, one seeded table of draws serves every area (area i's own index is skipped by
 * mapping draw r to r < i ? r : r + 1), so a seed repeats exactly and the cost is one table of
 * permutations × max|N| draws. Areas without neighbours get I = 0 and p = null.
 */
export function localMoran(values: Float64Array, w: Neighbours, permutations: number, seed: number): LocalMoran[] {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const z = new Float64Array(n);
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    z[i] = values[i] - mean;
    m2 += z[i] * z[i];
  }
  m2 /= n;
  let maxK = 0;
  for (let i = 0; i < n; i++) maxK = Math.max(maxK, w.offsets[i + 1] - w.offsets[i]);
  maxK = Math.min(maxK, n - 1);
  // draws[p * maxK + d]: the d-th of maxK distinct indices in 0..n-2 of permutation p (partial Fisher-Yates)
  const rng = xoroshiro128plus(seed);
  const pool = Int32Array.from({ length: n - 1 }, (_, j) => j);
  const draws = new Int32Array(permutations * maxK);
  for (let p = 0; p < permutations; p++) {
    for (let d = 0; d < maxK; d++) {
      const pick = uniformInt(rng, d, n - 2);
      const t = pool[d];
      pool[d] = pool[pick];
      pool[pick] = t;
      draws[p * maxK + d] = pool[d];
    }
  }
  const out: LocalMoran[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const start = w.offsets[i];
    const k = w.offsets[i + 1] - start;
    let lag = 0;
    for (let e = start; e < start + k; e++) lag += z[w.neighbours[e]];
    lag = k ? lag / k : 0;
    const quadrant: MoranQuadrant = z[i] >= 0 ? (lag >= 0 ? 'high-high' : 'high-low') : lag >= 0 ? 'low-high' : 'low-low';
    if (k === 0 || m2 === 0) {
      out[i] = { i: 0, p: null, quadrant };
      continue;
    }
    const observed = (z[i] / m2) * lag;
    let atLeast = 0;
    for (let p = 0; p < permutations; p++) {
      let permutedLag = 0;
      const row = p * maxK;
      for (let d = 0; d < k; d++) {
        const r = draws[row + d];
        permutedLag += z[r < i ? r : r + 1];
      }
      if ((z[i] / m2) * (permutedLag / k) >= observed) atLeast++;
    }
    const larger = Math.min(atLeast, permutations - atLeast);
    out[i] = { i: observed, p: (larger + 1) / (permutations + 1), quadrant };
  }
  return out;
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values): q_(r) = min over s ≥ r of p_(s) · m / s, capped at
 * 1. Null p-values stay null and do not count among the m tests.
 */
export function benjaminiHochberg(p: Array<number | null>): Array<number | null> {
  const tested = p.map((v, i) => [v, i] as const).filter((e): e is readonly [number, number] => e[0] !== null);
  tested.sort((a, b) => a[0] - b[0]);
  const m = tested.length;
  const q: Array<number | null> = p.map(() => null);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (tested[r][0] * m) / (r + 1));
    q[tested[r][1]] = running;
  }
  return q;
}

export type HotspotClass = 'hot-99' | 'hot-95' | 'hot-90' | 'cold-99' | 'cold-95' | 'cold-90' | 'not-significant';

/** The usual Gi* bins: hot or cold at 99, 95 or 90 % confidence. */
export function hotspotClass(z: number, p: number): HotspotClass {
  const side = z > 0 ? 'hot' : 'cold';
  if (p <= 0.01) return `${side}-99`;
  if (p <= 0.05) return `${side}-95`;
  if (p <= 0.1) return `${side}-90`;
  return 'not-significant';
}
