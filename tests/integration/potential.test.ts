/**
 * GET /api/areas/{code}/potential on the demo data, checked against the village rows summed here.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { POTENTIAL_DIMENSIONS } from '../../server/routes/potential.js';
import { expectProblems } from '../helpers/problems.js';
import { withAppAndDb } from '../helpers/api.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

describe('GET /api/areas/{code}/potential', () => {
  it('a district: mean score and level-1 share per dimension equal the villages summed by hand', async () => {
    const district = await db('admin_area').where({ level: 'district' }).orderBy('code').offset(40).first('code');
    const rows = await db('village_potential as p').join('admin_area as v', 'v.code', 'p.village_code')
      .where({ 'p.year': 2022, 'v.district_code': district.code }).select('p.*');
    expect(rows.length).toBeGreaterThan(0);
    const res = await app.inject(`/api/areas/${district.code}/potential?year=2022`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: district.code, level: 'district', year: 2022, villages: rows.length });
    for (const d of POTENTIAL_DIMENSIONS) {
      const got = body.dimensions.find((x: { id: string }) => x.id === d);
      const scores = rows.map((r: Record<string, number>) => r[d]);
      expect(got.mean_score).toBeCloseTo(scores.reduce((a: number, b: number) => a + b, 0) / scores.length, 9);
      expect(got.level1_share).toBeCloseTo(scores.filter((s: number) => s === 1).length / scores.length, 9);
    }
  });

  it('a village is itself, the country is every village, the default year is the latest', async () => {
    const v = await db('village_potential').where({ year: 2023 }).orderBy('village_code').first();
    const one = (await app.inject(`/api/areas/${v.village_code}/potential`)).json();
    expect(one.year).toBe(2023);
    expect(one.villages).toBe(1);
    expect(one.dimensions[0]).toEqual({ id: 'infrastructure', mean_score: v.infrastructure, level1_share: v.infrastructure === 1 ? 1 : 0 });
    const th = (await app.inject('/api/areas/TH/potential?year=2023')).json();
    const [{ n }] = await db('village_potential').where({ year: 2023 }).count({ n: '*' });
    expect(th.villages).toBe(Number(n));
  });

  it('bad input is a 4xx problem naming the parameter', async () => {
    await expectProblems(app, [
      ['/api/areas/10/potential?year=2031', 404, 'year'],
      ['/api/areas/10/potential?year=x', 400, 'year'],
      ['/api/areas/10/potential?level=1', 400, 'level'],
      ['/api/areas/1x/potential', 400, 'code'],
      ['/api/areas/99/potential', 404, 'code'],
    ]);
  });
});
