/** Bad input gets a 4xx problem+json naming the parameter; never a 500, never SQL text. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';

const PREFIX = 'badinput';
let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  ({ headers } = await userWithToken(app, PREFIX, 'admin'));
});
afterAll(async () => {
  await deleteUsers(app, PREFIX);
  await app.close();
});

/** A forged keyset cursor (the shape the API hands out, with values it never would). */
function cursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

// [url, status, parameter named]
const CASES: Array<[string, number, string]> = [
  ['/api/areas/99', 404, 'code'],
  ['/api/areas/12345678/children', 404, 'code'],
  ['/api/areas/3O', 400, 'code'],
  ['/api/areas/301', 400, 'code'],
  ["/api/areas/30'--", 400, 'code'],
  ['/api/areas/30?k=0', 400, 'k'],
  ['/api/areas/30?k=1.01', 400, 'k'],
  ['/api/areas/30?k=-0.5', 400, 'k'],
  ['/api/areas/30?k=abc', 400, 'k'],
  ['/api/areas/30?mode=foster', 400, 'mode'],
  ['/api/areas/30?year=2019', 404, 'year'], // a year without data: 404, as the tiles answer
  ['/api/areas/30?year=twenty', 400, 'year'],
  ['/api/areas/30?colour=red', 400, 'colour'],
  ['/api/rankings?by=indicator:newborn_wait', 400, 'by'],
  ['/api/rankings?by=dimension:wealth', 400, 'by'],
  ['/api/rankings?by=1;drop table household', 400, 'by'],
  ['/api/rankings?level=country', 400, 'level'],
  ['/api/rankings?level=district&parent=3001', 400, 'parent'],
  ['/api/rankings?level=district&parent=99', 404, 'parent'],
  ['/api/rankings?limit=100000', 400, 'limit'],
  ['/api/households?province=30&indicators=newborn_weight,flying', 400, 'indicators'],
  ['/api/households?province=30&dims_any=wealth', 400, 'dims_any'],
  ['/api/households?province=30&dims_all=health,,x', 400, 'dims_all'],
  ['/api/households?province=3', 400, 'province'],
  ['/api/households?province=99', 404, 'province'],
  ['/api/households?district=30', 400, 'district'],
  ['/api/households?province=10&district=3001', 400, 'province'],
  ['/api/households?district=3001&village=10010101', 400, 'district'],
  ['/api/households?province=30&failed_count=0&dims_all=health', 400, 'failed_count'],
  ['/api/households?province=30&failed_count=1&dims_all=health,income', 400, 'failed_count'],
  ['/api/households?province=30&failed_count=6', 400, 'failed_count'],
  ['/api/households?province=30&vulnerability=4', 400, 'vulnerability'],
  ['/api/households?province=30&card=maybe', 400, 'card'],
  ['/api/households?province=30&logbook=lost', 400, 'logbook'],
  ['/api/households?province=30&limit=1001', 400, 'limit'],
  ['/api/households?province=30&limit=0', 400, 'limit'],
  ['/api/households?province=30&cursor=bm9wZQ', 400, 'cursor'],
  ['/api/households?province=30&sort=head_name', 400, 'sort'],
  ['/api/households.csv?province=30&headers=fr', 400, 'headers'],
  // Numbers ajv coerces to ±Infinity used to skip minimum/maximum (issue 16).
  ['/api/households?province=30&limit=1e309', 400, 'limit'],
  ['/api/households?province=30&limit=Infinity', 400, 'limit'],
  ['/api/households?province=30&limit=-Infinity', 400, 'limit'],
  [`/api/households?province=30&limit=${'9'.repeat(400)}`, 400, 'limit'],
  ['/api/households?province=30&limit=NaN', 400, 'limit'],
  ['/api/areas/30?k=Infinity', 400, 'k'],
  ['/api/areas/30?k=-1e309', 400, 'k'],
  ['/api/areas/30/children?year=1e309', 400, 'year'],
  ['/api/areas/30/access?catchment_km=1e309', 400, 'catchment_km'],
  ['/api/areas/30/access?catchment_km=Infinity', 400, 'catchment_km'],
  ['/api/rankings?limit=Infinity', 400, 'limit'],
  ['/api/access/rankings?limit=1e309', 400, 'limit'],
  ['/api/hotspots?level=province&seed=1e309', 400, 'seed'],
  ['/api/hotspots?level=province&k=Infinity', 400, 'k'],
  ['/api/changes?level=province&from=2020&to=2024&threshold=-Infinity', 400, 'threshold'],
  ['/api/light-mismatch?level=province&limit=1e309', 400, 'limit'],
  ['/api/imports/1e309', 400, 'id'],
  ['/api/imports/Infinity/rejects.csv', 400, 'id'],
  ['/api/households/1e309/300101010001/assistance', 400, 'year'],
  ['/api/areas/30/assistance?year=Infinity', 400, 'year'],
  [`/api/households?province=30&sort=members&cursor=${cursor({ sort: 'members', key: 1e308, house: '300101010001' })}`, 400, 'cursor'],
  [`/api/households?province=30&sort=members&cursor=${cursor({ sort: 'members', key: -1, house: '300101010001' })}`, 400, 'cursor'],
  [`/api/households?province=30&sort=-failed_dim_count&cursor=${cursor({ sort: '-failed_dim_count', key: 40000, house: '300101010001' })}`, 400, 'cursor'],
  [`/api/households?province=30&sort=members&cursor=${Buffer.from('{"sort":"members","key":1e309,"house":"300101010001"}').toString('base64url')}`, 400, 'cursor'],
];

describe('4xx problem+json naming the parameter', () => {
  for (const [url, status, parameter] of CASES) {
    it(`${url} → ${status} (${parameter})`, async () => {
      const r = await app.inject({ method: 'GET', url, headers });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = r.json();
      expect(body.status).toBe(status);
      expect(body.parameter).toBe(parameter);
      expect(body.detail).toContain(parameter);
      expect(r.body).not.toMatch(/select |from household|syntax|violates/i);
    });
  }

  it('a cursor made for another sort is refused', async () => {
    const first = (await app.inject({ method: 'GET', url: '/api/households?district=3001&limit=2&sort=members', headers })).json();
    const r = await app.inject({ method: 'GET', url: `/api/households?district=3001&limit=2&cursor=${first.next_cursor}`, headers });
    expect(r.statusCode).toBe(400);
    expect(r.json().parameter).toBe('cursor');
  });

  it('the refusal of a non-finite number says the bounds', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/households?province=30&limit=1e309', headers });
    expect(r.json().detail).toBe('querystring parameter "limit" must be a finite number (at least 1 and at most 1000)');
  });

  it('login with a missing field names it', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().parameter).toBe('password');
  });
});

describe('the OpenAPI document', () => {
  it('lists every /api route with its schemas', async () => {
    const r = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    for (const path of ['/api/meta', '/api/areas/{code}', '/api/areas/{code}/children', '/api/rankings', '/api/auth/login',
      '/api/auth/logout', '/api/auth/me', '/api/households', '/api/households.csv', '/api/users', '/api/users/{username}']) {
      // each has an operation whose success answer carries a schema with a type (not merely a path entry)
      const operation = doc.paths[path]?.get ?? doc.paths[path]?.post ?? doc.paths[path]?.patch ?? doc.paths[path]?.delete;
      expect(operation, path).toBeTruthy();
      const ok = operation.responses['200'] ?? operation.responses['201'] ?? operation.responses['204'];
      expect(ok, `${path} success answer`).toBeTruthy();
      if (ok.content) expect(Object.values(ok.content).map((c: any) => typeof (c.schema.type ?? c.schema.format)), path).not.toContain('undefined');
    }
    // the schemas themselves are checked route by route in tests/api/openapi.test.ts
    expect(doc.paths['/api/areas/{code}'].get.responses['200'].content['application/json'].schema.required).toContain('m0');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
