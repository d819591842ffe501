/**
 * The area API against an independent reference implementation over raw household rows, for
 * several areas, levels, years and identification settings, and the additivity of every count.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';
import { reference, type RawHousehold } from '../helpers/mpi-reference.js';

const PREFIX = 'mpiref';
let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  ({ headers } = await userWithToken(app, PREFIX, 'analyst', ['TH']));
});
afterAll(async () => {
  await deleteUsers(app, PREFIX);
  await app.close();
});

async function rawHouseholds(level: string, code: string, year: number): Promise<RawHousehold[]> {
  const q = app.db('household').where('survey_year', year)
    .select('members', 'deprived', 'welfare_card_holders', 'income_per_person', 'dependents', 'housing_problem');
  if (level !== 'country') q.where(`${level}_code`, code);
  return q;
}

async function summary(code: string, query: string) {
  const r = await app.inject({ method: 'GET', url: `/api/areas/${code}?${query}`, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

function expectMatches(api: any, ref: ReturnType<typeof reference>) {
  for (const f of ['households', 'people', 'target_households', 'target_people', 'poor_people', 'vulnerable_households'] as const) {
    expect(api[f], f).toBe(ref[f]);
  }
  for (const f of ['h', 'a', 'm0'] as const) expect(Math.abs(api[f] - ref[f]), f).toBeLessThan(1e-9);
  expect(api.failed_dims).toEqual(ref.failed_dims);
  expect(api.vulnerability).toEqual(ref.vulnerability);
  expect(api.welfare).toEqual(ref.welfare);
  expect(api.indicators).toHaveLength(17);
  expect(ref.indicators).toHaveLength(17);
  ref.indicators.forEach((ri, j) => {
    const ai = api.indicators[j];
    expect(ai.id).toBe(ri.id);
    expect(ai.deprived_households, ri.id).toBe(ri.deprived_households);
    expect(ai.censored_people, ri.id).toBe(ri.censored_people);
    expect(Math.abs(ai.censored_headcount - ri.censored_headcount), ri.id).toBeLessThan(1e-9);
    expect(Math.abs(ai.contribution - ri.contribution), ri.id).toBeLessThan(1e-9);
  });
  expect(api.dimensions).toHaveLength(5);
  expect(ref.dimensions).toHaveLength(5);
  ref.dimensions.forEach((rd, d) => {
    const ad = api.dimensions[d];
    expect(ad.id).toBe(rd.id);
    expect(ad.failed_households, rd.id).toBe(rd.failed_households);
    expect(Math.abs(ad.censored_headcount - rd.censored_headcount), rd.id).toBeLessThan(1e-9);
    expect(Math.abs(ad.contribution - rd.contribution), rd.id).toBeLessThan(1e-9);
  });
}

// [query, mode, k]: k = 1 and 0.99 are reached by nobody (a score of 1 means failing all 17).
const SETTINGS: Array<[string, 'tpmap' | 'af', number]> = [
  ['', 'af', 1 / 3],
  ['mode=tpmap', 'tpmap', 0],
  ['k=0.2', 'af', 0.2],
  ['k=0.35', 'af', 0.35],
  ['k=0.5', 'af', 0.5],
  ['k=0.99', 'af', 0.99],
  ['k=1', 'af', 1],
];

describe('area figures equal the reference implementation', () => {
  const cases: Array<[string, string, number, Array<(typeof SETTINGS)[number]>]> = [
    ['country', 'TH', 2022, [SETTINGS[0], SETTINGS[1], SETTINGS[4]]],
    ['country', 'TH', 2023, [SETTINGS[0], SETTINGS[6]]],
    ['province', '30', 2023, SETTINGS],
    ['province', '96', 2022, SETTINGS],
    ['district', '3001', 2022, SETTINGS],
    ['district', '4701', 2023, SETTINGS],
    ['subdistrict', '300101', 2023, SETTINGS],
  ];
  for (const [level, code, year, settings] of cases) {
    it(`${level} ${code} in ${year}`, async () => {
      const rows = await rawHouseholds(level, code, year);
      expect(rows.length).toBeGreaterThan(0);
      for (const [query, mode, k] of settings) {
        const api = await summary(code, `year=${year}&${query}`);
        expect(api.mode).toBe(mode);
        expectMatches(api, reference(rows, mode, k));
      }
      // k = 1 is reached by nobody: H = A = M0 = 0 and nothing is censored.
      if (settings.includes(SETTINGS[6])) {
        const none = await summary(code, `year=${year}&k=1`);
        expect([none.h, none.a, none.m0, none.poor_people]).toEqual([0, 0, 0, 0]);
      }
    });
  }

  it('a village with poor households, every setting', async () => {
    const { code } = await app.db('area_stats').where({ level: 'village', survey_year: 2023 }).where('poor_households', '>', 0)
      .orderBy('poor_households', 'desc').first('code');
    const rows = await rawHouseholds('village', code, 2023);
    for (const [query, mode, k] of SETTINGS) expectMatches(await summary(code, `year=2023&${query}`), reference(rows, mode, k));
  });
});

describe('the sum of the children equals the parent for every count', () => {
  const counts = (s: any): number[] => [
    s.households, s.people, s.target_households, s.target_people, s.poor_households, s.poor_people, s.vulnerable_households,
    ...s.failed_dims, ...s.vulnerability, s.welfare.target_with_card, s.welfare.target_without_card, s.welfare.to_survey,
    ...s.indicators.flatMap((i: any) => [i.deprived_households, i.censored_people]),
    ...s.dimensions.flatMap((d: any) => [d.failed_households, d.censored_people]),
  ];
  for (const [code, query] of [['TH', 'year=2023&k=0.5'], ['30', 'year=2022'], ['3001', 'year=2023&mode=tpmap'], ['300101', 'year=2023&k=0.2']]) {
    it(`children of ${code} (${query})`, async () => {
      const r = await app.inject({ method: 'GET', url: `/api/areas/${code}/children?${query}`, headers });
      expect(r.statusCode).toBe(200);
      const { parent, children } = r.json();
      expect(children.length).toBeGreaterThan(1);
      const sum = counts(parent).map((_, i) => children.reduce((s: number, c: any) => s + counts(c)[i], 0));
      expect(sum).toEqual(counts(parent));
      for (const c of children) {
        expect(c.parent_code).toBe(code);
        expect(c.breadcrumb.at(-1).code).toBe(code);
      }
    });
  }
});

/** Province 30's districts in 2023, each summarised by the reference over its raw rows (made once). */
let districtReferences: Promise<Map<string, ReturnType<typeof reference>>> | undefined;
function referencesOfProvince30() {
  districtReferences ??= (async () => {
    const rows: Array<RawHousehold & { district_code: string }> = await app.db('household').where({ survey_year: 2023, province_code: '30' })
      .select('district_code', 'members', 'deprived', 'welfare_card_holders', 'income_per_person', 'dependents', 'housing_problem');
    const byDistrict = new Map<string, RawHousehold[]>();
    for (const r of rows) byDistrict.set(r.district_code, [...(byDistrict.get(r.district_code) ?? []), r]);
    return new Map([...byDistrict].map(([code, hs]) => [code, reference(hs, 'af', 0.5)]));
  })();
  return districtReferences;
}

describe('rankings agree with the reference over raw rows', () => {
  const measures: Array<[string, (s: any) => number]> = [
    ['h', (s) => s.h], ['a', (s) => s.a], ['m0', (s) => s.m0],
    ['target_share', (s) => s.target_households / s.households],
    ['vulnerable_share', (s) => s.vulnerable_households / s.households],
    ['indicator:income_threshold', (s) => s.indicators.find((i: any) => i.id === 'income_threshold').deprived_households / s.households],
    ['dimension:income', (s) => s.dimensions.find((d: any) => d.id === 'income').failed_households / s.households],
  ];
  for (const [by, value] of measures) {
    it(`districts of province 30 by ${by} (k = 0.5)`, async () => {
      const refs = await referencesOfProvince30();
      expect(refs.size).toBeGreaterThan(10);
      const expected = new Map<string, number>([...refs].map(([code, ref]) => [code, value(ref)]));
      for (const order of ['desc', 'asc']) {
        const r = await app.inject({ method: 'GET', url: `/api/rankings?level=district&parent=30&by=${by}&order=${order}&limit=1000&year=2023&k=0.5`, headers });
        expect(r.statusCode, r.body).toBe(200);
        const items = r.json().items;
        expect(items.length).toBe(expected.size);
        for (const item of items) {
          expect(Math.abs(item.value - expected.get(item.code)!)).toBeLessThan(1e-9);
          const better = [...expected.values()].filter((v) => (order === 'desc' ? v > item.value + 1e-12 : v < item.value - 1e-12)).length;
          expect(item.rank).toBe(better + 1);
        }
      }
    });
  }
});
