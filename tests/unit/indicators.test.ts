import { describe, expect, it } from 'vitest';
import { DIMENSIONS, INDICATORS, dimensionMask, indicatorBit, score60 } from '../../server/mpi/indicators.js';
import { REFERENCE_DIMENSIONS, REFERENCE_INDICATORS } from '../helpers/mpi-reference.js';

describe('the 17 BMN indicators', () => {
  it('weigh 1/5 per dimension and 1 in all', () => {
    expect(INDICATORS).toHaveLength(17);
    expect(INDICATORS.reduce((s, i) => s + i.weight60, 0)).toBe(60);
    for (const d of DIMENSIONS) {
      expect(INDICATORS.filter((i) => i.dimension === d.id).reduce((s, i) => s + i.weight60, 0)).toBe(12);
    }
  });

  it('score a deprivation mask in sixtieths', () => {
    expect(score60(0)).toBe(0);
    expect(score60(indicatorBit('newborn_weight'))).toBe(3);
    expect(score60(indicatorBit('income_threshold'))).toBe(4);
    expect(score60(dimensionMask('access'))).toBe(12);
    expect(score60(dimensionMask('income') | dimensionMask('access'))).toBe(24); // 0.4 ≥ 1/3: AF poor
    expect(score60((1 << 17) - 1)).toBe(60);
  });

  it('give each dimension its own bits, in BMN order', () => {
    expect(dimensionMask('health')).toBe(0b1111);
    expect(dimensionMask('living')).toBe(0b1111 << 4);
    expect(dimensionMask('education')).toBe(0b1111 << 8);
    expect(dimensionMask('income')).toBe(0b111 << 12);
    expect(dimensionMask('access')).toBe(0b11 << 15);
    expect(() => indicatorBit('nope')).toThrow();
  });
});

describe("the product's indicator definition", () => {
  it("equals the reference's own hand-written table from the design (ids, order, dimensions, weights)", () => {
    expect(DIMENSIONS.map((d) => d.id)).toEqual([...REFERENCE_DIMENSIONS]);
    expect(DIMENSIONS.map((d) => d.number)).toEqual([1, 2, 3, 4, 5]);
    expect(REFERENCE_INDICATORS).toHaveLength(17);
    expect(INDICATORS.map((i) => ({ number: i.number, id: i.id, dimension: i.dimension }))).toEqual(
      REFERENCE_INDICATORS.map((r, j) => ({ number: j + 1, id: r.id, dimension: r.dimension })),
    );
    INDICATORS.forEach((ind, j) => expect(Math.abs(ind.weight60 / 60 - REFERENCE_INDICATORS[j].weight), ind.id).toBeLessThan(1e-15));
    // and each score the product computes is the reference's sum of weights, on every single-bit and all-bits mask
    for (let j = 0; j < 17; j++) expect(score60(1 << j) / 60, REFERENCE_INDICATORS[j].id).toBeCloseTo(REFERENCE_INDICATORS[j].weight, 15);
    expect(REFERENCE_INDICATORS.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 15);
  });
});
