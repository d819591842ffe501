/**
 * The OpenAPI document says what the key routes take and give, and what they give matches it: each
 * route's parameters (name, place, type, required) are listed here by hand, and real answers are
 * validated against the document's own response schemas (Ajv). Also GET /api/meta, whose answer is
 * checked against the design's indicator table (tests/helpers/mpi-reference.ts) and the database.
 */
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';
import { REFERENCE_DIMENSIONS, REFERENCE_INDICATORS } from '../helpers/mpi-reference.js';

const PREFIX = 'openapi';
let app: FastifyInstance;
let headers: Record<string, string>;
let doc: any;

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  ({ headers } = await userWithToken(app, PREFIX, 'analyst', ['TH']));
  const r = await app.inject('/docs/json');
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(async () => {
  await deleteUsers(app, PREFIX);
  await app.close();
});

type Param = [name: string, where: string, type: string, required: boolean];

// written from the README's route table and the routes' documented query strings
const PARAMETERS: Record<string, Param[]> = {
  '/api/meta': [],
  '/api/areas/{code}': [['code', 'path', 'string', true], ['year', 'query', 'integer', false], ['mode', 'query', 'string', false], ['k', 'query', 'number', false]],
  '/api/search': [['q', 'query', 'string', true], ['limit', 'query', 'integer', false], ['within', 'query', 'string', false]],
  '/api/areas/{code}/access': [['code', 'path', 'string', true], ['year', 'query', 'integer', false], ['km', 'query', 'string', false], ['catchment_km', 'query', 'number', false]],
  '/api/hotspots': [['level', 'query', 'string', true], ['year', 'query', 'integer', false], ['measure', 'query', 'string', false], ['weights', 'query', 'string', false],
    ['k', 'query', 'integer', false], ['parent', 'query', 'string', false], ['correction', 'query', 'string', false], ['seed', 'query', 'integer', false]],
  '/api/households': [['province', 'query', 'string', false], ['district', 'query', 'string', false], ['subdistrict', 'query', 'string', false], ['village', 'query', 'string', false],
    ['dims_any', 'query', 'string', false], ['dims_all', 'query', 'string', false], ['indicators', 'query', 'string', false], ['card', 'query', 'string', false],
    ['failed_count', 'query', 'string', false], ['vulnerability', 'query', 'string', false], ['logbook', 'query', 'string', false], ['finance', 'query', 'string', false], ['year', 'query', 'integer', false],
    ['limit', 'query', 'integer', false], ['cursor', 'query', 'string', false], ['sort', 'query', 'string', false], ['headers', 'query', 'string', false]],
  '/api/persons': [['province', 'query', 'string', false], ['district', 'query', 'string', false], ['subdistrict', 'query', 'string', false], ['village', 'query', 'string', false],
    ['group', 'query', 'string', false], ['age_band', 'query', 'string', false], ['age_min', 'query', 'integer', false], ['age_max', 'query', 'integer', false],
    ['sex', 'query', 'string', false], ['disabled', 'query', 'boolean', false], ['card', 'query', 'string', false], ['year', 'query', 'integer', false],
    ['limit', 'query', 'integer', false], ['cursor', 'query', 'string', false], ['headers', 'query', 'string', false]],
};

const byName = (a: Param, b: Param) => a[0].localeCompare(b[0]);

function schema200(path: string) {
  const s = doc.paths[path].get.responses['200'].content['application/json'].schema;
  expect(s.type, path).toBe('object');
  return s;
}

function validator(schema: unknown) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', true);
  ajv.addFormat('date', true);
  return ajv.compile(schema as object);
}

async function getJson(url: string) {
  const r = await app.inject({ url, headers });
  expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(200);
  return r.json();
}

describe('the OpenAPI document', () => {
  it.each(Object.keys(PARAMETERS))('lists the parameters of %s by name, place, type and requiredness', (path) => {
    const params: Param[] = (doc.paths[path].get.parameters ?? []).map((p: any) => [p.name, p.in, p.schema?.type, Boolean(p.required)]);
    expect(params.sort(byName)).toEqual([...PARAMETERS[path]].sort(byName));
  });

  it('requires the figures an area answer must carry', () => {
    const s = schema200('/api/areas/{code}');
    for (const f of ['code', 'level', 'year', 'mode', 'k', 'households', 'people', 'h', 'a', 'm0', 'indicators', 'dimensions', 'stars']) {
      expect(s.required, f).toContain(f);
    }
    expect(s.properties.indicators.type).toBe('array');
    expect(s.properties.indicators.items.properties).toHaveProperty('contribution');
    expect(s.properties.mode.enum).toEqual(expect.arrayContaining(['tpmap', 'af']));
  });

  it.each([
    ['/api/meta', '/api/meta'],
    ['/api/areas/{code}', '/api/areas/30?year=2023&mode=af&k=0.3333333333333333'],
    ['/api/search', '/api/search?q=udon&limit=5'],
    ['/api/areas/{code}/access', '/api/areas/30/access?year=2023&km=5,7.3'],
    ['/api/hotspots', '/api/hotspots?level=district&year=2023&parent=40'],
    ['/api/households', '/api/households?province=30&year=2023&limit=3'],
    ['/api/persons', '/api/persons?district=3001&year=2023&group=neet&limit=3'],
    ['/api/areas/{code}/children', '/api/areas/30/children?year=2023'],
    ['/api/rankings', '/api/rankings?level=district&parent=30&by=target_share&year=2023'],
    ['/api/areas/{code}/nightlight', '/api/areas/30/nightlight'],
    ['/api/areas/{code}/potential', '/api/areas/30/potential'],
    ['/api/areas/{code}/assistance', '/api/areas/30/assistance?year=2023'],
    ['/api/hotspots/area/{code}', '/api/hotspots/area/30?year=2023'],
    ['/api/changes', '/api/changes?level=province&from=2022&to=2023'],
    ['/api/choropleth/breaks', '/api/choropleth/breaks?level=province&year=2023&measure=target_share&method=quantile&classes=5'],
    ['/api/choropleth/ranking', '/api/choropleth/ranking?level=district&parent=30&year=2023&measure=target_share&limit=5'],
    ['/api/labels', '/api/labels?level=province&bbox=100,13,104,17&limit=5'],
    ['/api/light-mismatch', '/api/light-mismatch?level=province'],
    ['/api/auth/me', '/api/auth/me'],
  ])('describes what %s answers (validated against the document)', async (path, url) => {
    const body = await getJson(url);
    const validate = validator(schema200(path));
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    // every property answered is described (nothing undocumented slips through)
    const described = Object.keys(schema200(path).properties);
    expect(Object.keys(body).filter((k) => !described.includes(k))).toEqual([]);
    // and the check can fail: a typed property answered as an object does not validate
    const typed = described.find((k) => k in body && typeof schema200(path).properties[k].type === 'string' && schema200(path).properties[k].type !== 'object');
    expect(typed, 'a property with a plain type').toBeDefined();
    expect(validate({ ...body, [typed!]: { wrong: true } })).toBe(false);
  });

  it('describes a problem answer, and the 400 of a route is one', async () => {
    const r = await app.inject({ url: '/api/areas/3O', headers });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const content = doc.paths['/api/areas/{code}'].get.responses['400'].content;
    const s = (content['application/problem+json'] ?? content['application/json']).schema;
    expect(s.properties).toHaveProperty('detail');
    const validate = validator(s);
    expect(validate(r.json()), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('GET /api/meta', () => {
  it("answers the survey years in the database, the design's 17 indicators and 5 dimensions with their weights, and the levels", async () => {
    const body = await getJson('/api/meta');
    const { rows } = await app.db.raw('select distinct survey_year from household order by 1');
    const years = rows.map((r: { survey_year: number }) => r.survey_year);
    expect(years.length).toBeGreaterThan(0);
    expect(body.years).toEqual(years);
    expect(body.default_year).toBe(years[years.length - 1]);
    expect(body.indicators).toHaveLength(17);
    body.indicators.forEach((ind: any, j: number) => {
      expect(ind).toMatchObject({ id: REFERENCE_INDICATORS[j].id, number: j + 1, dimension: REFERENCE_INDICATORS[j].dimension });
      expect(ind.weight, ind.id).toBeCloseTo(REFERENCE_INDICATORS[j].weight, 15);
      expect(typeof ind.name_en).toBe('string');
      expect(ind.name_th).toMatch(/[\u0E00-\u0E7F]/);
    });
    expect(body.dimensions.map((d: any) => d.id)).toEqual([...REFERENCE_DIMENSIONS]);
    for (const d of body.dimensions) expect(d.weight, d.id).toBeCloseTo(1 / 5, 15);
    // zoom bands from tiles/README.md: z0–6 province, z7–8 district, z9–10 subdistrict, z11–14 village
    expect(body.levels.map((l: any) => [l.level, l.minzoom, l.maxzoom])).toEqual([
      ['province', 0, 6], ['district', 7, 8], ['subdistrict', 9, 10], ['village', 11, 14],
    ]);
    expect(body.levels.map((l: any) => l.code_digits)).toEqual([2, 4, 6, 8]);
  });

  it('needs no sign-in', async () => {
    const r = await app.inject('/api/meta');
    expect(r.statusCode).toBe(200);
    expect(r.json().indicators).toHaveLength(17);
  });
});
