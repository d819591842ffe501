/** The sizes of a household file's parts: small first, so the merge starts early, then PART_ROWS. */
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_PART_ROWS, PART_ROWS, partRows } from '../../server/imports/pipeline.js';

describe('partRows', () => {
  afterEach(() => {
    delete process.env.POVMAP_IMPORT_PART_ROWS;
  });

  it('doubles from the first part up to PART_ROWS, and stays there', () => {
    expect(FIRST_PART_ROWS).toBe(25_000);
    expect(PART_ROWS).toBe(100_000);
    expect([0, 1, 2, 3, 9, 40, 1000].map(partRows)).toEqual([25_000, 50_000, 100_000, 100_000, 100_000, 100_000, 100_000]);
  });

  it('takes one size for every part from POVMAP_IMPORT_PART_ROWS (tests), and ignores a bad value', () => {
    process.env.POVMAP_IMPORT_PART_ROWS = '7';
    expect([0, 1, 5].map(partRows)).toEqual([7, 7, 7]);
    process.env.POVMAP_IMPORT_PART_ROWS = 'x';
    expect(partRows(0)).toBe(FIRST_PART_ROWS);
  });
});
