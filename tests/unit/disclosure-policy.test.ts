/** The TypeScript side of the disclosure policy: primary cells, figures that follow counts, partitions. */
import { describe, expect, it } from 'vitest';
import { Disclosure, measureCells } from '../../server/disclosure/policy.js';

describe('Disclosure', () => {
  it('withholds counts of 1 to 4 and the cells the precomputed policy withheld, and publishes zero', () => {
    const d = new Disclosure(true, { people: 'complementary' });
    expect([0, 1, 4, 5, 12].map((n) => d.count(`n${n}`, n))).toEqual([0, null, null, 5, 12]);
    expect(d.count('people', 40)).toBeNull();
    expect(d.withheld).toEqual({ n1: 'count-1-4', n4: 'count-1-4', people: 'complementary' });
  });

  it('withholds a share resting on a withheld or small count', () => {
    const d = new Disclosure(true);
    expect(d.follows('h', 0.5, 10, 20)).toBe(0.5);
    expect(d.follows('share', 1 / 739, 1, 739)).toBeNull();
    expect(d.follows('m0', 0.1, null, 20)).toBeNull();
    expect(d.withheld).toEqual({ share: 'from-withheld-count', m0: 'from-withheld-count' });
  });

  it('takes the next smallest non-zero cell with a lone withheld cell of a published total', () => {
    const d = new Disclosure(true);
    const raw = { none: 11, planned: 0, in_progress: 6, done: 1 };
    const cells = { none: 11, planned: 0, in_progress: 6, done: d.count('done', 1) };
    expect(d.partition(18, cells, raw)).toEqual({ cells: { none: 11, planned: 0, in_progress: null, done: null }, totalToo: false });
    expect(d.withheld).toEqual({ done: 'count-1-4', in_progress: 'complementary' });
  });

  it('asks for the total when no other cell can hide the lone one', () => {
    const d = new Disclosure(true);
    expect(d.partition(3, { a: 0, b: null }, { a: 0, b: 3 }).totalToo).toBe(true);
  });

  it('changes nothing for callers who see every figure', () => {
    const d = new Disclosure(false, { households: 'count-1-4' });
    expect(d.count('households', 3)).toBe(3);
    expect(d.follows('h', 0.2, 1, 5)).toBe(0.2);
    expect(d.withheld).toEqual({});
  });

  it('names the cells each measure rests on', () => {
    expect(measureCells('target_share')).toEqual(['target_households', 'households']);
    expect(measureCells('indicator:exercise')).toEqual(['deprived_exercise', 'households']);
    expect(measureCells('h')).toEqual(['poor_people', 'people']);
  });
});
