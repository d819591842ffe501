/**
 * Hotspot statistics on a fixture a person can check: a 4 × 4 grid of cells with queen contiguity,
 * against plain reference formulas written here with dense weight matrices (not the production code).
 */
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, getisOrdGiStar, hotspotClass, localMoran, normalTwoSidedP } from '../../server/hotspots/statistics.js';
import { islands, neighboursFromPairs } from '../../server/hotspots/weights.js';

// cells named r{row}c{col}; values high in the top-left corner
const SIDE = 4;
const codes = Array.from({ length: SIDE * SIDE }, (_, i) => `r${Math.floor(i / SIDE)}c${i % SIDE}`);
const values = Float64Array.from([9, 8, 2, 1, 8, 7, 2, 1, 2, 2, 1, 1, 1, 1, 1, 3]);
const queenPairs: Array<[string, string]> = [];
for (let r = 0; r < SIDE; r++)
  for (let c = 0; c < SIDE; c++)
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if ((dr || dc) && rr >= 0 && rr < SIDE && cc >= 0 && cc < SIDE) queenPairs.push([`r${r}c${c}`, `r${rr}c${cc}`]);
      }

/** Dense binary queen matrix (without the diagonal). */
function denseQueen(): number[][] {
  const m = codes.map(() => codes.map(() => 0));
  for (const [a, b] of queenPairs) m[codes.indexOf(a)][codes.indexOf(b)] = 1;
  return m;
}

/** Reference Gi*: row-standardised weights over the neighbours and the cell itself. */
function referenceGiStar(x: number[], binary: number[][]): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const s = Math.sqrt(x.reduce((acc, v) => acc + v * v, 0) / n - mean * mean);
  return x.map((_, i) => {
    const wRow: number[] = binary[i].map((b, j) => (b || i === j ? 1 : 0));
    const count = wRow.reduce((a, b) => a + b, 0);
    const w = wRow.map((b) => b / count);
    const sw = w.reduce((a, b) => a + b, 0);
    const sw2 = w.reduce((a, b) => a + b * b, 0);
    const num = w.reduce((acc, wij, j) => acc + wij * x[j], 0) - mean * sw;
    const den = s * Math.sqrt((n * sw2 - sw * sw) / (n - 1));
    return num / den;
  });
}

const w = neighboursFromPairs(codes, queenPairs);

describe('queen weights on the grid', () => {
  it('give corners 3 neighbours, edges 5 and the middle 8', () => {
    const count = (code: string) => { const i = codes.indexOf(code); return w.offsets[i + 1] - w.offsets[i]; };
    expect(count('r0c0')).toBe(3);
    expect(count('r0c1')).toBe(5);
    expect(count('r1c1')).toBe(8);
    expect(islands(w)).toEqual([]);
  });
});

describe('Getis-Ord Gi*', () => {
  it('matches the reference to 1e-9', () => {
    const expected = referenceGiStar([...values], denseQueen());
    const got = getisOrdGiStar(values, w);
    got.forEach((g, i) => expect(Math.abs(g.z - expected[i]), codes[i]).toBeLessThan(1e-9));
  });

  it('hand-checks the corner cell r0c0', () => {
    // x̄ = 50/16 = 3.125; S = √(Σx²/16 − x̄²) = √(290/16 − 9.765625) = √8.359375
    // r0c0 with neighbours r0c1, r1c0, r1c1: local mean (9+8+8+7)/4 = 8, so numerator 8 − 3.125 = 4.875
    // denominator S·√((16·4·(1/4)² − 1)/15) = S·√(3/15)
    const z = 4.875 / (Math.sqrt(8.359375) * Math.sqrt(3 / 15));
    expect(getisOrdGiStar(values, w)[0].z).toBeCloseTo(z, 12);
    expect(hotspotClass(z, normalTwoSidedP(z))).toBe('hot-99');
  });

  it('gives p-values of a standard normal', () => {
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(normalTwoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  it('handles an island and constant values without dividing by zero', () => {
    const withIsland = neighboursFromPairs([...codes, 'island'], queenPairs);
    const g = getisOrdGiStar(Float64Array.from([...values, 5]), withIsland);
    expect(g[16]).toEqual({ z: 0, p: 1 });
    expect(islands(withIsland)).toEqual(['island']);
    expect(getisOrdGiStar(new Float64Array(16).fill(2), w).every((r) => r.z === 0 && r.p === 1)).toBe(true);
  });
});

describe("local Moran's I", () => {
  it('matches the reference statistic and quadrant', () => {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const z = [...values].map((v) => v - mean);
    const m2 = z.reduce((s, v) => s + v * v, 0) / n;
    const binary = denseQueen();
    const got = localMoran(values, w, 99, 1);
    got.forEach((m, i) => {
      const k = binary[i].reduce((a, b) => a + b, 0);
      const lag = binary[i].reduce((acc, b, j) => acc + (b * z[j]) / k, 0);
      expect(Math.abs(m.i - (z[i] / m2) * lag)).toBeLessThan(1e-12);
    });
    expect(got[0].quadrant).toBe('high-high');
    expect(got[15].quadrant).toBe('low-low');
  });

  it('repeats its permutation p-values exactly with the same seed', () => {
    const a = localMoran(values, w, 999, 42);
    const b = localMoran(values, w, 999, 42);
    const c = localMoran(values, w, 999, 43);
    expect(b).toEqual(a);
    expect(c.map((m) => m.p)).not.toEqual(a.map((m) => m.p));
    for (const m of a) expect(m.p! * 1000).toBe(Math.round(m.p! * 1000)); // (M + 1) / 1000
    expect(a[0].p).toBeLessThan(0.05); // the high corner is a real cluster
  });
});

describe('Benjamini-Hochberg', () => {
  // The textbook example (McDonald, Handbook of Biological Statistics): 25 p-values; at a false
  // discovery rate of 0.25 the five smallest are significant.
  const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269,
    0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986];

  it('rejects the textbook five at FDR 0.25', () => {
    // the sixth (0.060) sits exactly on the line, 6/25 · 0.25 = 0.060; the textbook counts it out
    const q = benjaminiHochberg(p);
    expect(q.map((v, i) => (v! < 0.25 ? i : -1)).filter((i) => i >= 0)).toEqual([0, 1, 2, 3, 4]);
    expect(q[5]).toBeCloseTo(0.25, 12);
  });

  it('computes the adjusted values by hand', () => {
    const q = benjaminiHochberg(p);
    expect(q[0]).toBeCloseTo(0.025, 12); // 0.001 · 25 / 1
    expect(q[1]).toBeCloseTo(0.1, 12); // 0.008 · 25 / 2
    expect(q[4]).toBeCloseTo(0.21, 12); // 0.042 · 25 / 5, smaller than every later p · 25 / rank
    expect(q[2]).toBeCloseTo(0.21, 12); // 0.039 · 25 / 3 = 0.325 is lowered to the later 0.21
    expect(q[24]).toBeCloseTo(0.986, 12);
  });

  it('keeps nulls out of the count and keeps order', () => {
    expect(benjaminiHochberg([0.04, null, 0.01])).toEqual([0.04, null, 0.02]);
  });
});
