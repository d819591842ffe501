import { describe, expect, it } from 'vitest';
import { classOf, classRanges, jenksBreaks, quantileBreaks } from '../../server/choropleth/class-breaks.js';
import { fillColor, rampFor } from '../../client/map/paint.js';
import { RAMP_DEPRIVATION } from '../../client/map/measures.js';

describe('quantile breaks', () => {
  it('puts equal numbers of areas in each class', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const breaks = quantileBreaks(values, 5);
    expect(breaks).toEqual([20, 40, 60, 80]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    expect(counts).toEqual([20, 20, 20, 20, 20]);
  });

  it('makes a tie that fills a class a class of its own, and splits the rest again', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.3];
    // seven zeros: one class; the three others split into three more; no class is empty
    const breaks = quantileBreaks(values, 5);
    expect(breaks).toEqual([0.1, 0.2, 0.3]);
    const ranges = classRanges(values, breaks);
    expect(ranges.map((r) => r.areas)).toEqual([7, 1, 1, 1]);
    expect(ranges.every((r) => r.areas > 0)).toBe(true);
  });

  it('never splits identical values between two classes', () => {
    const values = [1, 2, 2, 2, 2, 3, 4, 5, 6, 7];
    const breaks = quantileBreaks(values, 5);
    const ranges = classRanges(values, breaks);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].from!).toBeGreaterThan(ranges[i - 1].to!);
    expect(ranges.reduce((n, r) => n + r.areas, 0)).toBe(10);
  });

  it('ignores missing values and handles tiny inputs', () => {
    expect(quantileBreaks([], 5)).toEqual([]);
    expect(quantileBreaks([NaN, 3], 5)).toEqual([]);
  });
});

describe('Jenks natural breaks', () => {
  it('finds the gaps between clear clusters (checkable by hand)', () => {
    const values = [1, 2, 3, 10, 11, 12, 30, 31, 32];
    expect(jenksBreaks(values, 3)).toEqual([10, 30]);
  });

  it('never returns more classes than distinct values', () => {
    expect(jenksBreaks([5, 5, 5, 7, 7], 5)).toEqual([7]);
  });

  it('stays close to the optimum on sampled large inputs', () => {
    const values = [...Array.from({ length: 3000 }, (_, i) => (i % 1000) / 1000), ...Array.from({ length: 3000 }, (_, i) => 5 + (i % 1000) / 1000)];
    const [b] = jenksBreaks(values, 2);
    expect(b).toBeGreaterThanOrEqual(5);
    expect(b).toBeLessThan(5.01);
  });
});

describe('choropleth paint', () => {
  it('spreads fewer classes over the whole ramp, light to dark', () => {
    expect(rampFor([1, 2, 3, 4], RAMP_DEPRIVATION)).toEqual([...RAMP_DEPRIVATION]);
    expect(rampFor([1], RAMP_DEPRIVATION)).toEqual([RAMP_DEPRIVATION[0], RAMP_DEPRIVATION[4]]);
  });

  it('gives suppressed and missing values their own colour before stepping', () => {
    const expr = fillColor('m0', [0.1, 0.2], RAMP_DEPRIVATION) as unknown[];
    expect(expr[0]).toBe('case');
    expect(expr[1]).toEqual(['==', ['get', 'suppressed'], true]);
    const step = expr[expr.length - 1] as unknown[];
    expect(step).toEqual(['step', ['to-number', ['get', 'm0']], RAMP_DEPRIVATION[0], 0.1, RAMP_DEPRIVATION[2], 0.2, RAMP_DEPRIVATION[4]]);
  });

  it('paints one colour when there is no break (MapLibre refuses a step without one)', () => {
    const expr = fillColor('m0', [], RAMP_DEPRIVATION) as unknown[];
    expect(expr[expr.length - 1]).toBe(RAMP_DEPRIVATION[Math.floor(RAMP_DEPRIVATION.length / 2)]);
  });
});
