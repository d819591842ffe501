/**
 * The generator's households are computed in worker threads (server/generate/households.ts) with
 * PostgreSQL's arithmetic, step for step: the pieces that are not one IEEE operation are checked here
 * against PostgreSQL itself. (The rows as a whole are checked by the generator test's checksum of the
 * tiny profile, the same as when the households were made by an SQL statement.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { drawsFor } from '../../server/generate/draw.js';
import { decimalPower, householdChunks, personMinMembers } from '../../server/generate/households.js';
import { testDb } from '../helpers/database.js';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.destroy();
});

describe("the households' arithmetic", () => {
  it('gives every mask the members povmap.person_min_members gives it, for all 131,072 masks', async () => {
    const { rows } = await db.raw('select m, povmap.person_min_members(m) as n from generate_series(0, 131071) m order by m');
    expect(rows).toHaveLength(131072);
    const wrong = (rows as Array<{ m: number; n: number }>).filter((r) => personMinMembers(r.m) !== r.n);
    expect(wrong).toEqual([]);
    // hand-checked: nothing failed, one member; newborn, pre-school, school and M.4 failed, five;
    // literacy with elderly care, an elder besides the head
    expect([personMinMembers(0), personMinMembers(1 | 256 | 512 | 1024), personMinMembers(2048 | 32768)]).toEqual([1, 5, 2]);
  });

  it("takes a year's decline, power(0.9, n) and power(0.95, n) of numerics, as the double PostgreSQL converts it to", async () => {
    const { rows } = await db.raw(`select k, power(0.9, k::bigint)::float8 as p90, power(0.95, k::bigint)::float8 as p95
                                   from generate_series(0, 10) k order by k`);
    for (const r of rows as Array<{ k: number; p90: number; p95: number }>) {
      expect([r.k, decimalPower('0.9', r.k), decimalPower('0.95', r.k)]).toEqual([r.k, r.p90, r.p95]);
    }
    // exact in decimal, then rounded once: not the product of the doubles
    expect(decimalPower('0.9', 2)).toBe(0.81);
    expect(() => decimalPower('9', 2)).toThrow(/not a decimal power/);
  });

  it('writes a household line with its house code, point and draws, and refuses a line of another shape', () => {
    const draw = drawsFor(7);
    const settings = { seed: 7, targetScale: 0.05, rates: Array.from({ length: 17 }, () => 0.05) };
    const point = '0101000020E610000000000000002059400000000000002C40'; // (100.5, 14), as PostGIS writes it
    const houses = Buffer.from(`2022\t1\t10010101\t100101\t1001\t10\t0.8\t12\t${point}\n`);
    const [line] = Buffer.concat([...householdChunks(houses, draw, settings)]).toString('utf8').trimEnd().split('\n');
    const f = line.split('\t');
    expect(f).toHaveLength(18);
    // the house code is the village code and the house's number in four digits; the key of its draws
    expect(f.slice(0, 7)).toEqual(['2022', '100101010012', '10010101', '100101', '1001', '10', point]);
    const key = 100101010012;
    // members as drawn (1 + ⌊6.2 · r₄^1.75⌋) or more, a 13-digit id with the head's draws 15 and 16
    expect(Number(f[7])).toBeGreaterThanOrEqual(1 + Math.floor(6.2 * Math.pow(draw(key, 4), 1.75)));
    expect(f[14]).toMatch(/^[1-8][0-9]{12}$/);
    expect(f[14].slice(0, 1)).toBe(String(1 + Math.floor(8 * draw(key, 15))));
    expect(() => [...householdChunks(Buffer.from('2022\t1\t10010101\n'), draw, settings)]).toThrow(/house line with 3 fields, not 9/);
  });
});
