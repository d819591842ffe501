/** Every bad tile request gets a 4xx problem+json that names what is wrong; never a 500. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { testDatabaseUrl } from '../helpers/database.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'warn' });
});
afterAll(async () => {
  await app.close();
});

const cases: Array<[string, number, string, RegExp]> = [
  ['/tiles/areas/15/0/0.mvt', 400, 'z', /z 15 is outside layer areas's zoom range 0-14/],
  ['/tiles/areas/9999999999/0/0.mvt', 400, 'z', /outside layer areas's zoom range/],
  ['/tiles/areas/99999999999/0/0.mvt', 400, 'z', /"z" must match pattern/],
  ['/tiles/services/5/25/14.mvt', 400, 'z', /zoom range 8-14/],
  ['/tiles/villages/10/800/460.mvt', 400, 'z', /zoom range 11-14/],
  ['/tiles/areas/3/8/0.mvt', 400, 'x', /x 8 is outside the tile grid at z 3 \(0-7\)/],
  ['/tiles/areas/3/0/8.mvt', 400, 'y', /y 8 is outside the tile grid at z 3 \(0-7\)/],
  ['/tiles/areas/0/0/1.mvt', 400, 'y', /outside the tile grid/],
  ['/tiles/areas/3/-1/0.mvt', 400, 'x', /"x" must match pattern/],
  ['/tiles/areas/1.5/0/0.mvt', 400, 'z', /"z" must match pattern/],
  ['/tiles/areas/3/a/0.mvt', 400, 'x', /"x" must match pattern/],
  ['/tiles/areas/3/0/0x1.mvt', 400, 'y', /"y" must match pattern/],
  ['/tiles/areas/3/0/1e1.mvt', 400, 'y', /"y" must match pattern/],
  ['/tiles/nosuch/3/0/0.mvt', 404, 'layer', /unknown tile layer "nosuch"; layers are areas, boundaries, services, villages/],
  ['/tiles/nosuch.json', 404, 'layer', /unknown tile layer "nosuch"/],
  ['/tiles/are%27as/3/0/0.mvt', 400, 'layer', /"layer" must match pattern/],
  ['/tiles/areas/3/6/3.mvt?year=abc', 400, 'year', /"year" must be integer/],
  ['/tiles/areas/3/6/3.mvt?year=1e9', 400, 'year', /"year" must be <= 2100/],
  ['/tiles/areas/3/6/3.mvt?year=1999', 400, 'year', /"year" must be >= 2000/],
  ['/tiles/areas/3/6/3.mvt?year=2031', 404, 'year', /no survey data for year 2031; years are 2022, 2023/],
  ['/tiles/areas/3/6/3.mvt?year=2022&year=2023', 400, 'year', /"year" must be integer/],
  ['/tiles/areas/3/6/3.mvt?metric=nope', 400, 'metric', /unknown metric "nope"; metrics are households,/],
  ['/tiles/areas/3/6/3.mvt?metric=DROP%20TABLE', 400, 'metric', /"metric" must match pattern/],
  ['/tiles/services/9/403/233.mvt?metric=m0', 400, 'metric', /layer services has no metric selection/],
  ['/tiles/areas/3/6/3.mvt?zoom=3', 400, 'zoom', /"zoom" must NOT have additional properties/],
  ['/tiles/areas.json?year=2031', 404, 'year', /no survey data for year 2031/],
];

describe('bad tile requests', () => {
  it.each(cases)('%s → %i naming %s', async (url, status, parameter, detail) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.status).toBe(status);
    expect(body.parameter).toBe(parameter);
    expect(body.detail).toMatch(detail);
    expect(res.body).not.toMatch(/\bselect\b|st_asmvt|syntax error/i);
  });

  it('has no route for other tile formats', async () => {
    const res = await app.inject('/tiles/areas/3/6/3.png');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
