/**
 * The two-step floating catchment (2SFCA) on a fixture worked out by hand, in a scratch database:
 * four villages and three clinics on the parallel 15°N, where 0.01° of longitude is 1,075.5 m
 * (WGS 84: a·cos φ / √(1 − e² sin² φ) · π/180 = 107,551 m per degree). Positions in hundredths of
 * a degree east of 100°E; every household of a village stands on the village's point, so the
 * demand point (the people-weighted mean of its households) is that point.
 *
 *   village  x   people  district      clinic  x   capacity
 *   V1       0   100     9101          C1      2   30
 *   V2       5   200     9101          C2      10  60
 *   V3       14  300     9102          C3      61  10
 *   V4       60  50      9102
 *
 * Distances (km): C1–V1 2.15, C1–V2 3.23, C1–V3 12.91; C2–V1 10.76, C2–V2 5.38, C2–V3 4.30;
 * C3–V4 1.08; every other pair is farther than 45 km.
 *
 * d0 = 10 km (the default):
 *   step 1: R1 = 30 / (100 + 200) = 0.1; R2 = 60 / (200 + 300) = 0.12; R3 = 10 / 50 = 0.2
 *   step 2: A1 = R1 = 0.1; A2 = R1 + R2 = 0.22; A3 = R2 = 0.12; A4 = R3 = 0.2
 *   district 9101: (100·0.1 + 200·0.22) / 300 = 54 / 300 = 0.18 → 180 per 1,000 people
 *   district 9102: (300·0.12 + 50·0.2) / 350 = 46 / 350 → 131.428… per 1,000
 *   country (and province 91): (10 + 44 + 36 + 10) / 650 = 100 / 650 → 153.846… per 1,000
 *   (Σ people·A_i = 100 = the total capacity: every clinic has people within d0.)
 * d0 = 12 km: C2 now reaches V1 (10.76), C1 still misses V3 (12.91):
 *   R1 = 30 / 300 = 0.1; R2 = 60 / (100 + 200 + 300) = 0.1; R3 = 0.2
 *   A1 = 0.2; A2 = 0.2; A3 = 0.1; A4 = 0.2
 *   district 9101: (20 + 40) / 300 → 200; district 9102: (30 + 10) / 350 → 114.285…; country 100 / 650 → 153.846…
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshServiceAccess } from '../../server/access/refresh.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { scratchDatabase } from '../helpers/database.js';
import { testApp, userWithToken } from '../helpers/api.js';
import { refreshDisclosure } from '../../server/disclosure/refresh.js';

const LAT = 15;
const x = (hundredths: number) => 100 + hundredths / 100;

// village code, district, position, households × members
const VILLAGES: Array<[string, string, number, number, number]> = [
  ['91010101', '9101', 0, 20, 5],    // V1: 100 people
  ['91010102', '9101', 5, 40, 5],    // V2: 200 people
  ['91020101', '9102', 14, 60, 5],   // V3: 300 people
  ['91020102', '9102', 60, 10, 5],   // V4: 50 people
];
// id, kind, position, capacity
const CLINICS: Array<[number, string, number, number]> = [
  [1, 'health_promoting_hospital', 2, 30],
  [2, 'hospital', 10, 60],
  [3, 'health_promoting_hospital', 61, 10],
];

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
let app: FastifyInstance;

async function insertArea(code: string, level: string, parent: string | null, district: string | null, subdistrict: string | null, x0: number, x1: number) {
  await db.raw(`insert into admin_area (code, level, parent_code, province_code, district_code, subdistrict_code, name_th, name_en,
                                        geom, geom_3857, label_point, area_km2)
                select ?, ?, ?, '91', ?, ?, ?, ?, g, st_transform(g, 3857), st_pointonsurface(g), 1
                from (select st_multi(st_makeenvelope(cast(? as float8), 14.9, cast(? as float8), 15.1, 4326)) as g) q`,
  [code, level, parent, district, subdistrict, `ทดสอบ ${code}`, `Test ${code}`, x0, x1]);
}

/** One 2022 household of province 91 at `lon` on the parallel (no location when null: st_makepoint is strict). */
async function insertHousehold(houseCode: string, village: string, district: string, lon: number | null, members: number, deprived: number) {
  await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                       members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                       head_name, national_id)
                values (2022, ?, ?, ?, ?, '91', st_setsrid(st_makepoint(cast(? as float8), ?), 4326),
                        ?, ?, 50000, 0, false, 0, 'นายสมชาย ใจดี', '1101700203451')`,
  [houseCode, village, village.slice(0, 6), district, lon, LAT, members, deprived]);
}

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_fixture_2sfca');
  db = createDb(scratch.url, { max: 2 });
  await insertArea('91', 'province', null, null, null, 99.9, 101);
  await insertArea('9101', 'district', '91', '9101', null, 99.9, 100.095);
  await insertArea('9102', 'district', '91', '9102', null, 100.095, 101);
  await insertArea('910101', 'subdistrict', '9101', '9101', '910101', 99.9, 100.095);
  await insertArea('910201', 'subdistrict', '9102', '9102', '910201', 100.095, 101);
  for (const [code, district, pos] of VILLAGES) {
    const sub = code.slice(0, 6);
    await insertArea(code, 'village', sub, district, sub, x(pos) - 0.02, x(pos) + 0.02);
  }
  for (const [code, district, pos, households, members] of VILLAGES) {
    for (let i = 1; i <= households; i++) {
      await insertHousehold(`${code}${String(i).padStart(4, '0')}`, code, district, x(pos), members, i % 2);
    }
  }
  for (const [id, kind, pos, capacity] of CLINICS) {
    await db.raw(`insert into service_point (id, kind, name_th, capacity, subdistrict_code, geom)
                  values (?, ?, ?, ?, '910101', st_setsrid(st_makepoint(?, ?), 4326))`, [id, kind, `คลินิก ${id}`, capacity, x(pos), LAT]);
  }
  await db.raw('select povmap.refresh_household_rollups()');
  await refreshDisclosure(db); // what the public may see of the new rollups
  await refreshServiceAccess(db);
  app = await testApp(scratch.url);
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await scratch?.drop();
});

describe('2SFCA clinic ratio, hand-computed', () => {
  it('the demand points are the villages, with their people, on their households', async () => {
    const rows = await db('access_village').orderBy('village_code').select('village_code', 'people', db.raw('st_x(geom) as lon'));
    expect(rows.map((r) => [r.village_code, r.people])).toEqual(VILLAGES.map(([code, , , n, m]) => [code, n * m]));
    rows.forEach((r, i) => expect(r.lon).toBeCloseTo(x(VILLAGES[i][2]), 9));
  });

  it('A_i per village at d0 = 10 km: 0.1, 0.22, 0.12, 0.2', async () => {
    const rows = await db('access_village').orderBy('village_code').pluck('clinic_2sfca');
    [0.1, 0.22, 0.12, 0.2].forEach((a, i) => expect(rows[i]).toBeCloseTo(a, 12));
  });

  it('per area from the rollup: 180, 131.43, 153.85 per 1,000 people', async () => {
    const get = async (code: string) => (await db('area_access_stats').where({ code, survey_year: 2022 }).first()).clinic_2sfca_per_1000;
    expect(await get('9101')).toBeCloseTo(180, 9);
    expect(await get('9102')).toBeCloseTo((46 / 350) * 1000, 9);
    expect(await get('91')).toBeCloseTo((100 / 650) * 1000, 9);
    expect(await get('TH')).toBeCloseTo((100 / 650) * 1000, 9);
    expect(await get('91010102')).toBeCloseTo(220, 9);
  });

  it('the API: the rollup at the default d0, computed on request for d0 = 12 km', async () => {
    const { headers } = await userWithToken(app, 'access2sfca', 'admin');
    const at = async (code: string, query: string) => {
      const r = await app.inject({ url: `/api/areas/${code}/access${query}`, headers });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().clinic_2sfca;
    };
    expect(await at('9101', '')).toMatchObject({ catchment_km: 10, source: 'rollup', people: 300 });
    expect((await at('9101', '')).per_1000_people).toBeCloseTo(180, 9);
    const d12 = { '9101': 200, '9102': (40 / 350) * 1000, '91': (100 / 650) * 1000 };
    for (const [code, value] of Object.entries(d12)) {
      const got = await at(code, '?catchment_km=12');
      expect(got.source).toBe('villages');
      expect(got.per_1000_people, code).toBeCloseTo(value, 9);
    }
    // The whole country is precomputed at 10 km only (issue 16: a custom catchment over every
    // village is refused, not run); here it would equal province 91's figure.
    const country = await app.inject({ url: '/api/areas/TH/access?catchment_km=12', headers });
    expect(country.statusCode).toBe(400);
    expect(country.json()).toMatchObject({ parameter: 'catchment_km' });
    // the on-request query at d0 = 10 km gives the rollup's answer
    const { clinic2sfca } = await import('../../server/access/figures.js');
    expect((await clinic2sfca(db, '9102', 2022, 10)).per_1000).toBeCloseTo((46 / 350) * 1000, 9);
  });

  it('nearest clinic distances: V1 households 2.15 km from C1, V4 households 1.08 km from C3', async () => {
    const v1 = await db('household_access').where({ village_code: '91010101' }).first();
    expect(v1.clinic_id).toBe(1);
    expect(v1.clinic_m).toBeCloseTo(2 * 1075.51, -1);
    const v4 = await db('household_access').where({ village_code: '91020102' }).first();
    expect(v4.clinic_id).toBe(3);
    expect(v4.school_m).toBeNull(); // no school in the fixture
  });

  it('a household without a location: counted, never located, its people still in its village', async () => {
    await insertHousehold('910101019999', '91010101', '9101', null, 5, 1);
    await refreshServiceAccess(db);
    const row = await db('household_access').where({ house_code: '910101019999' }).first();
    expect(row).toMatchObject({ target: true, school_m: null, clinic_m: null, clinic_id: null });
    const v1 = await db('area_access_stats').where({ code: '91010101', survey_year: 2022 }).first();
    expect(v1).toMatchObject({ households: 21, clinic_located: 20, target_households: 11, target_clinic_located: 10 });
    const demand = await db('access_village').where({ village_code: '91010101' }).first('people', db.raw('st_x(geom) as lon'));
    expect(demand.people).toBe(105);
    expect(demand.lon).toBeCloseTo(x(0), 9);
  });

  it('a village none of whose households is located: its demand point is the village\'s label point', async () => {
    // V5, 20 km east of C3 (beyond d0 of every clinic), with one household of 3 people and no location
    await insertArea('91020103', 'village', '910201', '9102', '910201', x(80) - 0.02, x(80) + 0.02);
    await insertHousehold('910201030001', '91020103', '9102', null, 3, 0);
    await refreshServiceAccess(db);
    const demand = await db('access_village as v').join('admin_area as a', 'a.code', 'v.village_code')
      .where({ 'v.village_code': '91020103', 'v.survey_year': 2022 })
      .first('v.households', 'v.people', db.raw('st_equals(v.geom, a.label_point) as at_label'), db.raw('st_x(v.geom) as lon'));
    expect(demand).toMatchObject({ households: 1, people: 3, at_label: true });
    expect(demand.lon).toBeCloseTo(x(80), 9);
  });
});
