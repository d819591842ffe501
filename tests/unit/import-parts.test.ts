/** The sizes of a household file's parts: small first, so the merge starts early, then PART_ROWS, then small again near the end. */
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_PART_ROWS, linesLeft, PART_ROWS, partRows } from '../../server/imports/pipeline.js';

describe('partRows', () => {
  afterEach(() => {
    delete process.env.POVMAP_IMPORT_PART_ROWS;
  });

  it('doubles from the first part up to PART_ROWS, and stays there', () => {
    expect(FIRST_PART_ROWS).toBe(25_000);
    expect(PART_ROWS).toBe(100_000);
    expect([0, 1, 2, 3, 9, 40, 1000].map((i) => partRows(i))).toEqual([25_000, 50_000, 100_000, 100_000, 100_000, 100_000, 100_000]);
  });

  it('near the end of the file, no more than half the lines left, down to FIRST_PART_ROWS', () => {
    expect(partRows(5, 1_000_000)).toBe(PART_ROWS);
    expect(partRows(5, 200_000)).toBe(100_000);
    expect(partRows(5, 175_001)).toBe(87_501);
    expect(partRows(5, 87_500)).toBe(43_750);
    expect(partRows(5, 43_750)).toBe(FIRST_PART_ROWS);
    expect(partRows(5, 10)).toBe(FIRST_PART_ROWS);
    // the ramp up still holds at the start of a short file
    expect(partRows(0, 90_000)).toBe(FIRST_PART_ROWS);
    expect(partRows(1, 90_000)).toBe(45_000);
    // a 1,000,000-line file, the lines left taken exactly: ends on parts of 87,500, 43,750 and 25,000 lines
    const sizes: number[] = [];
    for (let left = 1_000_000; left > 0;) {
      const part = Math.min(left, partRows(sizes.length, left));
      sizes.push(part);
      left -= part;
    }
    expect(sizes).toEqual([25_000, 50_000, ...Array(8).fill(100_000), 62_500, 31_250, 25_000, 6_250]);
    expect(sizes.reduce((a, b) => a + b)).toBe(1_000_000);
  });

  it('counts the lines left from the bytes left at the bytes per line so far', () => {
    expect(linesLeft(1000, 100, 10)).toBe(90);
    expect(linesLeft(1000, 1000, 10)).toBe(0);
    expect(linesLeft(1000, 1200, 10)).toBe(0);
    expect(linesLeft(undefined, 100, 10)).toBe(Infinity);
    expect(linesLeft(1000, 0, 0)).toBe(Infinity);
  });

  it('takes one size for every part from POVMAP_IMPORT_PART_ROWS (tests), and ignores a bad value', () => {
    process.env.POVMAP_IMPORT_PART_ROWS = '7';
    expect([0, 1, 5].map((i) => partRows(i, 10))).toEqual([7, 7, 7]);
    process.env.POVMAP_IMPORT_PART_ROWS = 'x';
    expect(partRows(0)).toBe(FIRST_PART_ROWS);
  });
});
