/**
 * Who is poor at a cut-off k: a household whose score c (whole sixtieths) is at least k. Checked for
 * every cut-off a score can equal, k = n/60 as a double, where 60k is not always the whole n
 * (n = 31 gives 31.000000000000004), and between them.
 */
import { describe, expect, it } from 'vitest';
import { identification } from '../../server/mpi/identification.js';

describe('identification', () => {
  it('is poor at k = n/60 exactly when the score is n/60 or more, for every n', () => {
    for (let n = 1; n <= 60; n++) expect(identification('af', n / 60).threshold60, `k = ${n}/60`).toBe(n);
  });

  it('rounds a k between two sixtieths up to the next whole sixtieth', () => {
    expect(identification('af', 0.34).threshold60).toBe(21); // 20.4 sixtieths: a score of 20 is below k
    expect(identification('af', 0.001).threshold60).toBe(1); // any failed indicator
  });

  it('tpmap: any failed indicator, whatever k', () => {
    expect(identification('tpmap', 0.5)).toEqual({ mode: 'tpmap', k: null, threshold60: 1 });
  });

  it('refuses a k outside (0, 1]', () => {
    for (const k of [0, -0.1, 1.01, Number.NaN]) expect(() => identification('af', k), String(k)).toThrow(RangeError);
  });
});
