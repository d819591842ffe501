/**
 * The SQL definitions of the measure agree with the design's table (tests/helpers/mpi-reference.ts,
 * written from the design, not from the product) and with hand-checked cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { REFERENCE_DIMENSIONS, REFERENCE_INDICATORS } from '../helpers/mpi-reference.js';
import { testDb } from '../helpers/database.js';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.destroy();
});

describe('SQL MPI functions', () => {
  it("score60 and failed_dims match the design's weights and dimensions for all 131,072 masks", async () => {
    const { rows } = await db.raw(`select m, povmap.score60(m) as s, povmap.failed_dims(m) as d,
                                          povmap.bit_count17(povmap.failed_dims(m)) as n
                                   from generate_series(0, 131071) m order by m`);
    expect(rows).toHaveLength(131072);
    const mask = await db.raw('select povmap.all_indicators_mask() as m');
    expect(mask.rows[0].m).toBe(2 ** REFERENCE_INDICATORS.length - 1);
    for (const r of rows as Array<{ m: number; s: number; d: number; n: number }>) {
      // the score in sixtieths from the reference weights (1/20 = 3, 1/15 = 4, 1/10 = 6), bit j = indicator j + 1
      const score = Math.round(60 * REFERENCE_INDICATORS.reduce((acc, ind, j) => acc + ((r.m >> j) & 1 ? ind.weight : 0), 0));
      const dims = REFERENCE_DIMENSIONS.reduce((acc, dim, i) =>
        acc | (REFERENCE_INDICATORS.some((ind, j) => ind.dimension === dim && (r.m >> j) & 1) ? 1 << i : 0), 0);
      if (r.s !== score || r.d !== dims || r.n !== popcount(dims)) {
        throw new Error(`mask ${r.m}: sql score ${r.s} dims ${r.d}; reference score ${score} dims ${dims}`);
      }
    }
  });

  it('vulnerability_level follows the seed definitions', async () => {
    const cases: Array<[income: number, dependents: number, housing: boolean, level: number | null]> = [
      [50_000, 3, false, 3], [50_000, 0, true, 3], [50_000, 2, false, 2], [50_000, 1, false, 2],
      [50_000, 0, false, 1], [150_000, 0, true, 1], [150_000, 2, false, 0], [150_000, 0, false, null],
      [99_999, 0, false, 1], [100_000, 0, false, null],
    ];
    for (const [income, dependents, housing, level] of cases) {
      const { rows } = await db.raw('select povmap.vulnerability_level(?::int, ?::smallint, ?::boolean) as v', [income, dependents, housing]);
      expect(rows[0].v, `${income} ${dependents} ${housing}`).toBe(level);
    }
    const { rows } = await db.raw('select povmap.vulnerability_level(null, 1::smallint, false) as v');
    expect(rows[0].v).toBeNull();
  });

  it('inline into the calling query, so a generated column costs no function call per row', async () => {
    // a STRICT function whose body is not strict is called, not inlined (sql/functions/mpi_score.sql)
    const { rows } = await db.raw(`explain (verbose, costs off)
      select povmap.score60(m), povmap.failed_dims(m), povmap.bit_count17(povmap.failed_dims(m)),
             povmap.vulnerability_level(m, (m % 4)::smallint, m % 2 = 0)
      from generate_series(0, 9) m`);
    const plan = rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/bit_count\(int4send/);
    expect(plan).not.toMatch(/povmap\./);
  });

  it('national ids get the official mod-11 check digit', async () => {
    // 1-1017-00230-70-? : 1*13+1*12+0*11+1*10+7*9+0*8+0*7+2*6+3*5+0*4+7*3+0*2 = 146; (11 - 146 % 11) % 10 = 8
    const { rows } = await db.raw('select povmap.thai_id_with_check(110170023070) as id');
    expect(rows[0].id).toBe('1101700230708');
  });
});

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}
