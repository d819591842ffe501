/**
 * The generator's people are computed in this process (server/generate/people.ts) from draws that
 * must be povmap.rand's, bit for bit, and national ids that must be povmap.thai_id_with_check's:
 * both against PostgreSQL's own functions, over keys at the edges of the halves lookup3 folds (0,
 * 2^32 − 1, 2^32, the largest key a house code makes) and seeds that are zero, negative or large.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { drawsFor } from '../../server/generate/draw.js';
import { parseHouseholds, thaiIdWithCheck } from '../../server/generate/people.js';
import { testDb } from '../helpers/database.js';

const db = testDb();
afterAll(() => db.destroy());

const KEYS = [0, 1, 99, 4294967295, 4294967296, 4294967297, 12345678901, 300100010001 * 100 + 7, 999999999999 * 100 + 99];
const SALTS = [0, 1, 201, 202, 210, 211, 213, 214, 215, 216, 217, 218, 219, 220, 221, 100000];
const SEEDS = [2022, 0, -7, 2147483647, -2147483648];

describe('draws in this process', () => {
  it('equal povmap.rand for every seed, key and salt', async () => {
    const { rows } = await db.raw(
      `select s.seed, k.key, t.salt, povmap.rand(s.seed, k.key, t.salt) as value
       from unnest(?::integer[]) s(seed), unnest(?::bigint[]) k(key), unnest(?::integer[]) t(salt)`,
      [SEEDS, KEYS.map(String), SALTS]) as { rows: Array<{ seed: number; key: string; salt: number; value: number }> };
    expect(rows).toHaveLength(SEEDS.length * KEYS.length * SALTS.length);
    const differing = rows.filter((r) => drawsFor(r.seed)(Number(r.key), r.salt) !== r.value);
    expect(differing).toEqual([]);
  });

  it('are uniform in [0, 1)', () => {
    const draw = drawsFor(2022);
    const values = Array.from({ length: 100_000 }, (_, i) => draw(300100010001 * 100 + i, 210));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // each tenth of [0, 1) holds 10 % of the draws, within five standard deviations (0.47 points)
    const tenths = Array.from({ length: 10 }, (_, t) => values.filter((v) => Math.floor(v * 10) === t).length / values.length);
    for (const share of tenths) expect(Math.abs(share - 0.1)).toBeLessThan(0.0047);
  });
});

describe('national ids in this process', () => {
  it('equal povmap.thai_id_with_check, leading zeros and all', async () => {
    const first12 = [0, 1, 99999999999, 100000000000, 123456789012, 899999999999, 999999999999, 1000000, 999999];
    const { rows } = await db.raw('select x::text as first12, povmap.thai_id_with_check(x) as id from unnest(?::bigint[]) x',
      [first12.map(String)]) as { rows: Array<{ first12: string; id: string }> };
    expect(rows.map((r) => thaiIdWithCheck(Number(r.first12)))).toEqual(rows.map((r) => r.id));
    // by hand: digits 1 1 0 1 7 0 0 2 3 0 7 0 times 13 … 2 sum to 146; 146 mod 11 = 3; 11 − 3 = 8
    expect(thaiIdWithCheck(110170023070)).toBe('1101700230708');
  });
});

describe('households read for their people', () => {
  // a household's line as the generator writes it (sql/generate/21_households_in.sql)
  const line = '2022\t300100010001\t30010001\t300101\t3001\t30\t0101000020E6100000D75531E22780594047ADDDD356F12D40\t4\t4097\t'
    + '21000\t1\tf\t2\tนายสมชาย ใจดี\t1101700230708\tt\tf\tt\n';

  it('keep the four area codes as one slice and the numbers as numbers', () => {
    const [h] = parseHouseholds(line);
    expect(h).toEqual({
      surveyYear: '2022', houseCode: '300100010001', areaCodes: '30010001\t300101\t3001\t30',
      welfareCardHolders: 2, deprived: 4097, members: 4, nationalId: '1101700230708',
    });
  });

  it('refuse a line without its 18 fields', () => {
    expect(() => parseHouseholds('2022\t300100010001\t30010001\n')).toThrow(/household line with 3 fields, not 18/);
    expect(() => parseHouseholds(line.replace('\n', '\tx\n'))).toThrow(/household line with 19 fields, not 18/);
  });
});
