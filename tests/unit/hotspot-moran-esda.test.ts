/**
 * Local Moran's I and its permutation p-values against outside code: PySAL esda's Moran_Local, run
 * once on a hand-made 30-area map by tests/fixtures/moran/generate.py (esda v2.7.1, row-standardised
 * weights, conditional randomisation, folded "directed" p-values, 99,999 permutations). The inputs and
 * esda's outputs are stored next to the script; nothing here comes from povmap's code but the
 * function under test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localMoran, type MoranQuadrant } from '../../server/hotspots/statistics.js';

const dir = new URL('../fixtures/moran/', import.meta.url);
const inputs = JSON.parse(readFileSync(new URL('inputs.json', dir), 'utf8')) as {
  codes: string[];
  values: number[];
  neighbours: Record<string, string[]>;
};
const esda = JSON.parse(readFileSync(new URL('esda-output.json', dir), 'utf8')) as {
  n: number;
  permutations: number;
  Is: number[];
  q: number[];
  p_sim: number[];
};

const n = inputs.codes.length;
const values = Float64Array.from(inputs.values);
// the neighbour lists as compressed rows, written out here rather than with the product's builder
const offsets = new Int32Array(n + 1);
const flat: number[] = [];
inputs.codes.forEach((code, i) => {
  for (const other of inputs.neighbours[code]) flat.push(inputs.codes.indexOf(other));
  offsets[i + 1] = flat.length;
});
const w = { codes: inputs.codes, offsets, neighbours: Int32Array.from(flat) };

// esda's quadrant numbers (geoda_quads=False): 1 HH, 2 LH, 3 LL, 4 HL
const ESDA_QUADRANT: Record<number, MoranQuadrant> = { 1: 'high-high', 2: 'low-high', 3: 'low-low', 4: 'high-low' };

const PERMUTATIONS = 9_999;
const got = localMoran(values, w, PERMUTATIONS, 20261201);

describe("local Moran's I against PySAL esda", () => {
  it('reads a fixture with every area connected and a spread of cardinalities', () => {
    expect(n).toBe(30);
    expect(esda.n).toBe(n);
    expect(esda.Is).toHaveLength(n);
    expect(esda.p_sim).toHaveLength(n);
    expect(flat.every((j) => j >= 0)).toBe(true);
    const cardinalities = new Set(inputs.codes.map((c) => inputs.neighbours[c].length));
    expect([...cardinalities].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(got).toHaveLength(n);
  });

  it("gives esda's I_i to 1e-9 once esda's (n − 1)/n factor is applied", () => {
    // povmap follows Anselin (1995): I_i = z_i Σ_j w_ij z_j / m2 with m2 = Σ z² / n. esda divides by
    // Σ z² / (n − 1) instead (moran.py: n_1 * z * lag / den), so esda's Is are (n − 1)/n times these.
    for (let i = 0; i < n; i++) {
      expect(Math.abs((got[i].i * (n - 1)) / n - esda.Is[i]), inputs.codes[i]).toBeLessThan(1e-9);
    }
  });

  it("puts every area in esda's quadrant", () => {
    expect(got.map((r) => r.quadrant)).toEqual(esda.q.map((q) => ESDA_QUADRANT[q]));
  });

  it('folds its p-values: none above (⌊P/2⌋ + 1)/(P + 1)', () => {
    const ceiling = (Math.floor(PERMUTATIONS / 2) + 1) / (PERMUTATIONS + 1);
    for (let i = 0; i < n; i++) {
      expect(got[i].p, inputs.codes[i]).not.toBeNull();
      expect(got[i].p!, inputs.codes[i]).toBeLessThanOrEqual(ceiling);
      expect(got[i].p!, inputs.codes[i]).toBeGreaterThanOrEqual(1 / (PERMUTATIONS + 1));
    }
  });

  it("agrees with esda's permutation p-values within 5 binomial standard errors", () => {
    // Each side estimates the same conditional-randomisation tail probability p from its own random
    // draws, P = 9,999 here and P' = 99,999 in esda. Their difference has standard error
    // √(p(1 − p)(1/P + 1/P')); 5 of them (a two-sided 6e-7 chance per area, 2e-5 over 30 areas)
    // plus one step 1/(P + 1) for the +1 in (M + 1)/(P + 1). Wrong draws move p by more: drawing the
    // area itself among its random neighbours moves r0c0 from 0.062 to 0.090 (tolerance 0.014 there).
    for (let i = 0; i < n; i++) {
      const p = got[i].p!;
      const pooled = (p + esda.p_sim[i]) / 2;
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / PERMUTATIONS + 1 / esda.permutations));
      expect(Math.abs(p - esda.p_sim[i]), `${inputs.codes[i]}: povmap ${p}, esda ${esda.p_sim[i]}`).toBeLessThanOrEqual(
        5 * se + 1 / (PERMUTATIONS + 1),
      );
    }
  });

  it('calls the same areas significant at 5 % where esda is clear of the line', () => {
    // areas whose esda p is more than 5 standard errors from 0.05 cannot honestly fall on the other side
    let compared = 0;
    for (let i = 0; i < n; i++) {
      const se = Math.sqrt(0.05 * 0.95 * (1 / PERMUTATIONS + 1 / esda.permutations));
      if (Math.abs(esda.p_sim[i] - 0.05) <= 5 * se) continue;
      compared++;
      expect(got[i].p! <= 0.05, inputs.codes[i]).toBe(esda.p_sim[i] <= 0.05);
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });
});
