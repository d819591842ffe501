/**
 * The disclosure policy's decisions (server/disclosure/suppression.ts) on small hierarchies worked
 * out by hand: every expected cell below is derived in the comment beside it from the rules alone.
 */
import { describe, expect, it } from 'vitest';
import { decideSuppression, type AreaCounts } from '../../server/disclosure/suppression.js';
import type { Cell } from '../../server/disclosure/cells.js';

const SPLIT: Cell[] = [{ name: 'households' }, { name: 'yes', partOf: 'households' }, { name: 'no', partOf: 'households' }];
const TARGETS: Cell[] = [{ name: 'households' }, { name: 'target' }, { name: 'target_people', peopleOf: 'target' }];
const area = (code: string, parent: string | null, ...counts: number[]): AreaCounts => ({ code, parent, counts });
const byCode = (rows: ReturnType<typeof decideSuppression>) => Object.fromEntries(rows.map((r) => [r.code, r.suppressed ? 'suppressed' : r.cells]));

describe('primary suppression', () => {
  it('withholds counts of 1 to 4 and the people of 1 to 4 households, publishes zero, and withholds an area of 1 to 4 households whole', () => {
    const rows = decideSuppression([
      area('A', null, 12, 1, 3), // 1 target household and its 3 people
      area('B', null, 20, 0, 0), // zero is published
      area('C', null, 3, 0, 0), // 3 households: only name and code
      area('D', null, 30, 2, 7), // 7 people, but of 2 households: a family's size
      area('E', null, 30, 5, 4), // 4 people of 5 households: a count of 1 to 4 all the same
    ], TARGETS);
    expect(byCode(rows)).toEqual({
      A: { target: 'count-1-4', target_people: 'count-1-4' },
      B: {},
      C: 'suppressed',
      D: { target: 'count-1-4', target_people: 'count-1-4' },
      E: { target_people: 'count-1-4' },
    });
  });
});

describe('complementary suppression', () => {
  it('within an area: a lone withheld part of a published total takes the smallest other non-zero part', () => {
    // households 12 = yes 1 + no 11: yes is 1..4; with households published, no = 12 − 11 would give it
    expect(byCode(decideSuppression([area('A', null, 12, 1, 11)], SPLIT))).toEqual({ A: { yes: 'count-1-4', no: 'complementary' } });
  });

  it('across the hierarchy: a lone withheld child takes its smallest non-zero sibling (ties to the smaller code)', () => {
    const rows = decideSuppression([
      area('P', null, 40, 13), // target 1 + 6 + 6 + 0
      area('P1', 'P', 10, 1),
      area('P2', 'P', 10, 6),
      area('P3', 'P', 10, 6), // ties with P2: P2 is taken
      area('P4', 'P', 10, 0),
    ], TARGETS.slice(0, 2));
    expect(byCode(rows)).toEqual({ P: {}, P1: { target: 'count-1-4' }, P2: { target: 'complementary' }, P3: {}, P4: {} });
  });

  it('leaves two withheld siblings alone: the parent tells only their sum', () => {
    const rows = decideSuppression([area('P', null, 30, 9), area('A', 'P', 10, 1), area('B', 'P', 10, 3), area('C', 'P', 10, 5)], TARGETS.slice(0, 2));
    expect(byCode(rows)).toEqual({ P: {}, A: { target: 'count-1-4' }, B: { target: 'count-1-4' }, C: {} });
  });

  it('counts an area withheld whole as a withheld child in every cell', () => {
    // C (3 households) is withheld whole; households of P minus A's would give C's 3, so A's follow;
    // the target of P is 0, which tells that C has none: zero is published
    const rows = decideSuppression([area('P', null, 13, 0), area('A', 'P', 10, 0), area('C', 'P', 3, 0)], TARGETS.slice(0, 2));
    expect(byCode(rows)).toEqual({ P: {}, A: { households: 'complementary' }, C: 'suppressed' });
  });

  it('withholds the parent when no sibling can hide the lone child, and follows every margin that opens', () => {
    // pass 1: P1.yes 1 (1..4) → P1.no 9 follows (a, households 10 published). T.yes 7 = P1.yes + P2.yes:
    // lone withheld child → P2.yes 6 follows (b). T.no 9 = P1.no + P2.no 0: no non-zero sibling → T.no
    // itself (b). pass 2: T's households 16 = yes + no → T.yes follows T.no (a); P2's households 6 =
    // yes (withheld) + no 0 → P2.households itself (a); T's households 16 = P1 + P2 → P1.households
    // follows P2's (b). pass 3 changes nothing.
    const rows = decideSuppression([area('T', null, 16, 7, 9), area('P1', 'T', 10, 1, 9), area('P2', 'T', 6, 6, 0)], SPLIT);
    expect(byCode(rows)).toEqual({
      T: { yes: 'complementary', no: 'complementary' },
      P1: { households: 'complementary', yes: 'count-1-4', no: 'complementary' },
      P2: { households: 'complementary', yes: 'complementary' },
    });
  });

  it('does not let a complementary parent be the sum of its published children', () => {
    // T.target = P1 3 (1..4) + P2 7: P2 follows P1 (b); P2's children D21 7 and D22 0 are published
    // and add up to P2, so D21 (the only non-zero one) is withheld too (c).
    const rows = decideSuppression([
      area('T', null, 40, 10), area('P1', 'T', 20, 3), area('P2', 'T', 20, 7), area('D21', 'P2', 10, 7), area('D22', 'P2', 10, 0),
    ], TARGETS.slice(0, 2));
    expect(byCode(rows)).toEqual({ T: {}, P1: { target: 'count-1-4' }, P2: { target: 'complementary' }, D21: { target: 'complementary' }, D22: {} });
  });

  it('decides the same whatever order the areas come in', () => {
    const areas = [area('T', null, 16, 7, 9), area('P1', 'T', 10, 1, 9), area('P2', 'T', 6, 6, 0)];
    expect(decideSuppression([...areas].reverse(), SPLIT)).toEqual(decideSuppression(areas, SPLIT));
  });

  it('refuses counts that do not match the cells and a child whose parent has no counts', () => {
    expect(() => decideSuppression([area('A', null, 1, 2)], SPLIT)).toThrow(/2 counts for 3 cells/);
    expect(() => decideSuppression([area('A', 'Z', 10, 5, 5)], SPLIT)).toThrow(/parent Z/);
  });
});
