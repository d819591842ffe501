/**
 * Service accessibility on the demo data: the precomputed nearest distances against a brute-force
 * search over every service, the shares of target households far away (rollup and on request)
 * against direct counts, pooling across levels, suppression, rankings, tiles and bad input.
 */
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccessServices, measureHouseholdAccess, measuringThread, type MeasuringUnit } from '../../server/access/measure.js';
import { geodesicMetres } from '../../server/access/nearest.js';
import type { Db } from '../../server/db/knex.js';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';
import { testDb } from '../helpers/database.js';

const PREFIX = 'access';
const YEAR = 2023;
let app: FastifyInstance;
let db: Db;
let admin: Record<string, string>;

beforeAll(async () => {
  app = await testApp();
  db = testDb();
  await deleteUsers(app, PREFIX);
  ({ headers: admin } = await userWithToken(app, PREFIX, 'admin'));
});
afterAll(async () => {
  await deleteUsers(app, PREFIX);
  await app.close();
  await db.destroy();
});

async function access(url: string, headers: Record<string, string> = admin) {
  const r = await app.inject({ url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const far = (body: { services: Array<{ service: string; far: Array<{ km: number }> }> }, service: string, km: number) =>
  body.services.find((s) => s.service === service)!.far.find((f) => f.km === km) as { km: number; target_households: number; share: number };

/** The first province with households in YEAR. */
async function firstProvince(): Promise<string> {
  return (await db('household').where({ survey_year: YEAR }).orderBy('province_code').first('province_code')).province_code as string;
}
/** Measures `unit` in `trx` as a refresh does (every household again, the whole province, unless it says otherwise). */
async function measure(trx: Knex.Transaction, unit: Partial<MeasuringUnit> & { province: string }) {
  const thread = measuringThread(await loadAccessServices(trx));
  try {
    return await measureHouseholdAccess(trx, thread, { years: null, remeasure: true, part: 0, parts: 1, ...unit });
  } finally {
    await thread.close();
  }
}
/**
 * `province`'s rows in YEAR after measuring its every year now (rows measured by the database before,
 * as a test database made by older code holds, may differ by a step of a real: see above).
 */
async function measuredRows(trx: Knex.Transaction, province: string) {
  await measure(trx, { province });
  return accessRows(trx, province);
}
/** The distances rows of `province` in YEAR, by house code, everything a measuring writes. */
async function accessRows(trx: Knex, province: string) {
  return (await trx.raw(`select survey_year, house_code, village_code, members, target, school_id, school_m, clinic_id, clinic_m,
                                st_astext(geom) as geom
                         from household_access where province_code = ? and survey_year = ? order by house_code`, [province, YEAR])).rows;
}

describe('nearest school and clinic per household', () => {
  it('equal a brute-force search over every service on 200 households (geodesic, < 1 m)', async () => {
    // brute force: the geodesic distance (ST_Distance on geography, WGS 84) to every service of the kind, the smallest
    const { rows } = await db.raw(`
      with sample as (
        select a.survey_year, a.house_code, a.school_m, a.clinic_m, h.geom
        from household_access a join household h using (survey_year, house_code)
        where a.survey_year = ? order by md5(a.house_code) limit 200
      )
      select s.house_code, s.school_m, s.clinic_m,
             (select min(st_distance(sp.geom::geography, s.geom::geography)) from service_point sp where sp.kind = 'school') as school_brute,
             (select min(st_distance(sp.geom::geography, s.geom::geography)) from service_point sp
              where sp.kind in ('hospital', 'health_promoting_hospital')) as clinic_brute,
             (select metres from povmap.nearest_service(s.geom, 'school')) as school_knn,
             (select metres from povmap.nearest_service(s.geom, 'clinic')) as clinic_knn
      from sample s`, [YEAR]);
    expect(rows).toHaveLength(200);
    for (const r of rows) {
      expect(Math.abs(r.school_m - r.school_brute), r.house_code).toBeLessThan(1);
      expect(Math.abs(r.clinic_m - r.clinic_brute), r.house_code).toBeLessThan(1);
      // the per-household KNN search (the refresh's fallback) is exact too
      expect(Math.abs(r.school_knn - r.school_brute), r.house_code).toBeLessThan(0.01);
      expect(Math.abs(r.clinic_knn - r.clinic_brute), r.house_code).toBeLessThan(0.01);
    }
  }, 180_000); // 200 × 43,000 geodesic distances: about 20 s on a quiet 2-core machine

  it('equal the per-household search for every household of a province measured again', async () => {
    // the refresh measures in Node (server/access/nearest.ts: a static index of the services and a
    // bound that rules candidates out on the plane); the per-household search in the database
    // (povmap.nearest_service, exact: the test above) measures from each household with the GiST
    // index and ST_DistanceSpheroid. Province 30 (about 16,000 households in the year) is measured
    // again, then rolled back. Same service; the metres, stored as real, equal or one step of a real
    // apart (the two compute the same geodesic to about 1e-8 m, and a value that close to the
    // middle between two reals can round either way: about 2 in 100,000 on the national profile).
    const trx = await db.transaction();
    let result: Array<{ households: number; other_service: string[]; other_metres: string[] }>;
    try {
      const r = await measure(trx, { province: '30', years: [YEAR] });
      expect(r.measured).toBeGreaterThan(10_000);
      ({ rows: result } = await trx.raw(`
        select count(*)::integer as households,
               coalesce(array_agg(a.house_code order by a.house_code) filter (
                 where (a.school_id, a.clinic_id) is distinct from (ks.service_id, kc.service_id)), '{}') as other_service,
               coalesce(array_agg(a.house_code order by a.house_code) filter (
                 where abs(a.school_m - ks.metres::real) > ks.metres * 1.1921e-7 or abs(a.clinic_m - kc.metres::real) > kc.metres * 1.1921e-7), '{}') as other_metres
        from household_access a
        join household h using (survey_year, house_code)
        cross join lateral povmap.nearest_service(h.geom, 'school') ks
        cross join lateral povmap.nearest_service(h.geom, 'clinic') kc
        where a.survey_year = ? and a.province_code = '30' and h.geom is not null`, [YEAR]));
    } finally {
      await trx.rollback();
    }
    expect(result[0]).toMatchObject({ other_service: [], other_metres: [] });
    expect(result[0].households).toBeGreaterThan(10_000);
  }, 120_000);

  it('geodesic metres in Node equal ST_DistanceSpheroid to a micrometre, near and far', async () => {
    const { rows } = await db.raw(`
      select lon1, lat1, lon2, lat2, st_distancespheroid(st_setsrid(st_makepoint(lon1, lat1), 4326), st_setsrid(st_makepoint(lon2, lat2), 4326)) as metres
      from (select 97 + 9 * povmap.rand(1, i, 1) as lon1, 5.5 + 15 * povmap.rand(1, i, 2) as lat1,
                   (0.5 - povmap.rand(1, i, 3)) * power(10, 3 * povmap.rand(1, i, 5) - 3) as dlon,
                   (0.5 - povmap.rand(1, i, 4)) * power(10, 3 * povmap.rand(1, i, 6) - 3) as dlat
            from generate_series(1, 20000) i) p
      cross join lateral (select lon1 + dlon as lon2, lat1 + dlat as lat2) q`);
    expect(rows).toHaveLength(20000);
    let worst = 0;
    for (const r of rows) worst = Math.max(worst, Math.abs(geodesicMetres(r.lon1, r.lat1, r.lon2, r.lat2) - r.metres));
    expect(worst).toBeLessThan(1e-6);
    expect(geodesicMetres(100.5, 13.75, 100.5, 13.75)).toBe(0);
  });

  it('cover every household of every year once, copying its codes, members and target flag', async () => {
    const { rows } = await db.raw(`
      select (select count(*) from household) as households, count(*) as rows,
             count(*) filter (where h.house_code is null or h.members <> a.members or (h.deprived <> 0) <> a.target
                              or h.district_code <> a.district_code or h.village_code <> a.village_code) as mismatched
      from household_access a left join household h using (survey_year, house_code)`);
    expect(Number(rows[0].rows)).toBe(Number(rows[0].households));
    expect(Number(rows[0].mismatched)).toBe(0);
  });
  it('a house measured in another year at the same point gets those distances, equal to measuring it; a house elsewhere then is measured', async () => {
    // the demo data surveys the same houses at the same points in both years
    const province = await firstProvince();
    await db.transaction(async (trx) => {
      const whole = await measuredRows(trx, province);
      expect(whole.length).toBeGreaterThan(100);
      // three houses were somewhere else the year before (their rows of that year moved 1 km east)
      const { rows: elsewhere } = await trx.raw(`update household_access a set geom = st_translate(a.geom, 0.01, 0)
        where a.survey_year = ? and a.house_code in (select house_code from household_access where province_code = ? and survey_year = ?
                                                     and geom is not null order by house_code limit 3)
        returning a.house_code`, [YEAR - 1, province, YEAR]);
      expect(elsewhere).toHaveLength(3);
      await trx('household_access').where({ province_code: province, survey_year: YEAR }).delete();
      const r = await measure(trx, { province, years: [YEAR], remeasure: false });
      expect({ measured: r.measured, reused: r.reused }).toEqual({ measured: 3, reused: whole.length - 3 });
      expect(await accessRows(trx, province)).toEqual(whole);
      // measuring again after the services changed (remeasure) takes nothing from another year
      const again = await measure(trx, { province, years: [YEAR] });
      expect({ measured: again.measured, reused: again.reused }).toEqual({ measured: whole.length, reused: 0 });
      expect(await accessRows(trx, province)).toEqual(whole);
      await trx.rollback();
    }).catch((err) => { if (err) throw err; });
  }, 120_000);
  it('a province measured in two parts gets the rows measured whole, and its demand points once after the parts', async () => {
    const province = await firstProvince();
    const demandOf = (trx: Knex) => trx.raw(`select village_code, households, people, st_astext(geom) as geom from access_village
                                                  where village_code like ? || '%' and survey_year = ? order by village_code`, [province, YEAR]);
    await db.transaction(async (trx) => {
      const whole = await measuredRows(trx, province);
      const demand = (await demandOf(trx)).rows;
      expect(whole.length).toBeGreaterThan(100);
      // as after an import of the province's households: no distances, no demand points; and no
      // distances of another year either, so that every household is measured, none reused
      await trx('household_access').where({ province_code: province }).delete();
      await trx('access_village').where('village_code', 'like', `${province}%`).andWhere({ survey_year: YEAR }).delete();
      const measured: number[] = [];
      for (const part of [0, 1]) {
        const r = await measure(trx, { province, years: [YEAR], remeasure: false, part, parts: 2 });
        measured.push(r.measured);
        expect(r.reused).toBe(0);
        expect(r.villagesChanged).toBe(0); // a part leaves the demand points owed
      }
      // two disjoint parts of similar size, together every household
      expect(measured[0] + measured[1]).toBe(whole.length);
      expect(Math.min(...measured)).toBeGreaterThan(whole.length / 4);
      expect((await demandOf(trx)).rows).toEqual([]);
      expect(await trx('access_demand_owed').select('province_code', 'survey_year')).toEqual([{ province_code: province, survey_year: YEAR }]);
      const { rows: [{ villages_changed }] } = await trx.raw('select povmap.refresh_owed_access_demand() as villages_changed');
      expect(Number(villages_changed)).toBe(demand.length);
      expect(await trx('access_demand_owed').select()).toEqual([]);
      expect(await accessRows(trx, province)).toEqual(whole);
      expect((await demandOf(trx)).rows).toEqual(demand);
      // a part of no measuring is refused
      await expect(measure(trx, { province, years: null, part: 0, parts: 2 })).rejects.toThrow(/no part of a measuring/);
      await trx.rollback();
    }).catch((err) => { if (err) throw err; });
  }, 120_000);
});

describe('GET /api/areas/{code}/access', () => {
  let district: { code: string; province_code: string };
  beforeAll(async () => {
    district = await db('admin_area').where({ level: 'district' }).orderBy('code').offset(60).first('code', 'province_code');
  });

  it('shares far away at 5 km (rollup) and 7.3 km (on request) equal a direct count over the rows', async () => {
    const body = await access(`/api/areas/${district.code}/access?year=${YEAR}&km=5,7.3`);
    expect(body.source).toBe('households');
    const rows = await db('household_access').where({ survey_year: YEAR, district_code: district.code, target: true }).select('school_m', 'clinic_m');
    expect(rows.length).toBeGreaterThan(5);
    for (const service of ['school', 'clinic'] as const) {
      const located = rows.filter((r) => r[`${service}_m`] !== null);
      for (const km of [5, 7.3]) {
        const n = located.filter((r) => r[`${service}_m`] > km * 1000).length;
        const got = far(body, service, km);
        expect(got.target_households, `${service} ${km}`).toBe(n);
        expect(got.share, `${service} ${km}`).toBeCloseTo(n / located.length, 12);
      }
      const s = body.services.find((x: { service: string }) => x.service === service);
      expect(s.located_target_households).toBe(located.length);
      expect(s.target_mean_km).toBeCloseTo(located.reduce((t, r) => t + r[`${service}_m`], 0) / located.length / 1000, 6);
    }
  });

  it('sums of the distances (rollup) are the exact sums of the stored reals, for a district and the country', async () => {
    // counted here independently: each real as the double it is (Math.fround of what the driver
    // parsed), times 2^32 (exact, and a whole number for every distance of 2^-9 m or more), added
    // as BigInt; the rollup's numeric sum times 2^32 must be that whole number
    const SCALE = 2 ** 32;
    const exactSum = (metres: Array<number | null>) => metres.reduce((t: bigint, m) => {
      if (m === null) return t;
      const scaled = Math.fround(m) * SCALE;
      expect(Number.isInteger(scaled)).toBe(true);
      return t + BigInt(scaled);
    }, 0n);
    for (const code of [district.code, 'TH']) {
      const where = code === 'TH' ? { survey_year: YEAR } : { survey_year: YEAR, district_code: code };
      const rows = await db('household_access').where(where).select('target', 'school_m', 'clinic_m');
      const { rows: [stored] } = await db.raw(`select (school_m_sum * ?)::text as school, (clinic_m_sum * ?)::text as clinic,
                                                      (target_school_m_sum * ?)::text as target_school, (target_clinic_m_sum * ?)::text as target_clinic
                                               from area_access_counts where code = ? and survey_year = ?`, [SCALE, SCALE, SCALE, SCALE, code, YEAR]);
      const whole = (text: string) => {
        const [integer, fraction = ''] = text.split('.');
        expect(fraction.replace(/0/g, ''), `${code} ${text}`).toBe('');
        return BigInt(integer);
      };
      const targets = rows.filter((r) => r.target);
      expect(whole(stored.school), code).toBe(exactSum(rows.map((r) => r.school_m)));
      expect(whole(stored.clinic), code).toBe(exactSum(rows.map((r) => r.clinic_m)));
      expect(whole(stored.target_school), code).toBe(exactSum(targets.map((r) => r.school_m)));
      expect(whole(stored.target_clinic), code).toBe(exactSum(targets.map((r) => r.clinic_m)));
    }
  });

  it('a province pools its districts, at 5, 10 and 7.3 km, and the country pools the provinces', async () => {
    const province = district.province_code;
    const districts = await db('admin_area').where({ level: 'district', parent_code: province }).pluck('code');
    const whole = await access(`/api/areas/${province}/access?year=${YEAR}&km=5,10,7.3`);
    const parts = await Promise.all(districts.map((c: string) => access(`/api/areas/${c}/access?year=${YEAR}&km=5,10,7.3`)));
    for (const service of ['school', 'clinic']) {
      const located = parts.reduce((t, p) => t + p.services.find((s: { service: string }) => s.service === service).located_target_households, 0);
      expect(whole.services.find((s: { service: string }) => s.service === service).located_target_households).toBe(located);
      for (const km of [5, 10, 7.3]) {
        const pooled = parts.reduce((t, p) => t + far(p, service, km).target_households, 0);
        expect(far(whole, service, km).target_households, `${service} ${km}`).toBe(pooled);
        expect(far(whole, service, km).share).toBeCloseTo(pooled / located, 12);
      }
    }
    // and the province's own figures equal a direct count over its households' rows
    const rows = await db('household_access').where({ survey_year: YEAR, province_code: province, target: true }).select('school_m', 'clinic_m');
    expect(rows.length).toBeGreaterThan(50);
    for (const service of ['school', 'clinic'] as const) {
      const located = rows.filter((r) => r[`${service}_m`] !== null);
      expect(whole.services.find((s: { service: string }) => s.service === service).located_target_households, service).toBe(located.length);
      for (const km of [5, 10, 7.3]) {
        const n = located.filter((r) => r[`${service}_m`] > km * 1000).length;
        expect(far(whole, service, km).target_households, `${province} ${service} ${km} direct`).toBe(n);
      }
    }
    // and from the raw points, without household_access: each target household's geodesic distance to
    // its nearest clinic (the true nearest is among the 10 nearest in planar degrees at Thai latitudes)
    const raw = (await db.raw(`
      select count(n.m) as located, count(*) filter (where n.m > 5000) as far5, count(*) filter (where n.m > 7300) as far73
      from household h
      left join lateral (select min(st_distance(c.geom::geography, h.geom::geography)) as m
                         from (select sp.geom from service_point sp where sp.kind in ('hospital', 'health_promoting_hospital')
                               order by sp.geom <-> h.geom limit 10) c) n on h.geom is not null
      where h.survey_year = ? and h.province_code = ? and h.deprived <> 0`, [YEAR, province])).rows[0];
    expect(whole.services[1].service).toBe('clinic');
    expect(whole.services[1].located_target_households, 'located from the points').toBe(Number(raw.located));
    expect(far(whole, 'clinic', 5).target_households, 'beyond 5 km from the points').toBe(Number(raw.far5));
    expect(far(whole, 'clinic', 7.3).target_households, 'beyond 7.3 km from the points').toBe(Number(raw.far73));
    const th = await access(`/api/areas/TH/access?year=${YEAR}&km=5,7.3`);
    const country = (await db.raw(`select count(*) filter (where clinic_m > 7300) as far, count(clinic_m) as located
                                   from household_access where survey_year = ? and target`, [YEAR])).rows;
    expect(far(th, 'clinic', 7.3).target_households).toBe(Number(country[0].far));
    expect(far(th, 'clinic', 7.3).share).toBeCloseTo(Number(country[0].far) / Number(country[0].located), 12);
  });

  it('the rollup at 5 km equals the on-request count at 5.0 km, and mean distances equal the rows', async () => {
    const rollup = await access(`/api/areas/${district.code}/access?year=${YEAR}&km=5`);
    const [{ far5 }] = (await db.raw(`select count(*) filter (where school_m > 5000) as far5 from household_access
                                      where survey_year = ? and district_code = ? and target`, [YEAR, district.code])).rows;
    expect(rollup.source).toBe('rollup');
    expect(far(rollup, 'school', 5).target_households).toBe(Number(far5));
    const [{ mean }] = (await db.raw('select avg(clinic_m) / 1000 as mean from household_access where survey_year = ? and district_code = ?', [YEAR, district.code])).rows;
    expect(rollup.services[1].mean_km).toBeCloseTo(Number(mean), 6);
  });

  it('public callers: an area of fewer than 5 households is suppressed, shares of fewer than 5 located targets are null', async () => {
    const small = await db('area_access_stats').where({ level: 'village', survey_year: YEAR }).where('households', '<', 5).first('code');
    const pub = await access(`/api/areas/${small.code}/access?year=${YEAR}`, {});
    expect(pub).toMatchObject({ suppressed: true, households: null, target_households: null, services: [] });
    expect(pub.clinic_2sfca.per_1000_people).toBeNull();
    const full = await access(`/api/areas/${small.code}/access?year=${YEAR}`);
    expect(full.suppressed).toBe(false);
    expect(full.households).toBeGreaterThan(0);

    const few = await db('area_access_stats').where({ level: 'village', survey_year: YEAR }).where('households', '>=', 5)
      .whereBetween('target_clinic_located', [1, 4]).first('code');
    const body = await access(`/api/areas/${few.code}/access?year=${YEAR}&km=5,2.5`, {});
    const clinic = body.services.find((s: { service: string }) => s.service === 'clinic');
    expect(clinic.located_target_households).toBeNull();
    expect(clinic.target_mean_km).toBeNull();
    for (const f of clinic.far) expect(f.share).toBeNull();
    expect(clinic.mean_km).not.toBeNull();
  });

  it('bad input is a 4xx problem naming the parameter', async () => {
    for (const [url, status, parameter] of [
      ['/api/areas/10/access?year=2031', 404, 'year'],
      ['/api/areas/10/access?year=x', 400, 'year'],
      ['/api/areas/10/access?km=0', 400, 'km'],
      ['/api/areas/10/access?km=-3', 400, 'km'],
      ['/api/areas/10/access?km=5,0', 400, 'km'],
      ['/api/areas/10/access?km=250', 400, 'km'],
      ['/api/areas/10/access?km=abc', 400, 'km'],
      ['/api/areas/10/access?km=5,', 400, 'km'],
      ['/api/areas/10/access?km=1,2,3,4,5,6,7', 400, 'km'],
      ['/api/areas/10/access?catchment_km=0', 400, 'catchment_km'],
      ['/api/areas/10/access?catchment_km=500', 400, 'catchment_km'],
      ['/api/areas/10/access?catchment_km=ten', 400, 'catchment_km'],
      ['/api/areas/10/access?radius=5', 400, 'radius'],
      ['/api/areas/1x/access', 400, 'code'],
      ['/api/areas/99/access', 404, 'code'],
      ['/api/access/rankings?km=0', 400, 'km'],
      ['/api/access/rankings?km=5,10', 400, 'km'],
      ['/api/access/rankings?service=bus', 400, 'service'],
      ['/api/access/rankings?parent=99', 404, 'parent'],
      ['/api/access/rankings?level=province&parent=30', 400, 'parent'],
      ['/api/access/rankings?year=2031', 404, 'year'],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/application\/problem\+json/);
      expect(res.json().parameter, url).toBe(parameter);
    }
  });
});

describe('the OpenAPI document', () => {
  it('describes both access routes: real answers validate against their schemas, and a wrong shape does not', async () => {
    const doc = (await app.inject('/docs/json')).json();
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const [path, url] of [
      ['/api/areas/{code}/access', `/api/areas/30/access?year=${YEAR}&km=5,7.3`],
      ['/api/access/rankings', `/api/access/rankings?level=district&parent=30&km=7.3&year=${YEAR}`],
    ]) {
      const op = doc.paths[path].get;
      const validate = ajv.compile(op.responses['200'].content['application/json'].schema);
      const body = await access(url);
      expect(validate(body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...body, year: 'last year' }), path).toBe(false);
      const problem = op.responses['400'].content['application/problem+json'] ?? op.responses['400'].content['application/json'];
      const refused = await app.inject(url.replace(/km=[^&]+/, 'km=0'));
      expect(refused.statusCode, path).toBe(400);
      const validateProblem = ajv.compile(problem.schema);
      expect(validateProblem(refused.json()), `${path} 400: ${JSON.stringify(validateProblem.errors)}`).toBe(true);
    }
  });
});

describe('GET /api/access/rankings', () => {
  it('districts of a province by clinic share beyond 7.3 km (on request) and 10 km (rollup) equal a ranking counted here from the rows', async () => {
    const rows: Array<{ district_code: string; clinic_m: number | null }> = await db('household_access')
      .where({ survey_year: YEAR, province_code: '30', target: true }).select('district_code', 'clinic_m');
    expect(rows.length).toBeGreaterThan(50);
    for (const km of [7.3, 10]) {
      // per district: located targets and those beyond km; share = far / located; highest first, ties by code
      const byDistrict = new Map<string, { located: number; far: number }>();
      for (const r of rows) {
        const d = byDistrict.get(r.district_code) ?? { located: 0, far: 0 };
        if (r.clinic_m !== null) {
          d.located++;
          if (r.clinic_m > km * 1000) d.far++;
        }
        byDistrict.set(r.district_code, d);
      }
      const expected = [...byDistrict].filter(([, d]) => d.located > 0)
        .map(([code, d]) => ({ code, value: d.far / d.located, target_households: d.located }))
        .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
      const r = await access(`/api/access/rankings?level=district&parent=30&service=clinic&km=${km}&year=${YEAR}&limit=1000`);
      expect(r.items.map((i: { code: string }) => i.code), `order at ${km} km`).toEqual(expected.map((e) => e.code));
      r.items.forEach((item: { code: string; value: number; target_households: number; rank: number }, i: number) => {
        expect(item.value, `${item.code} ${km}`).toBeCloseTo(expected[i].value, 12);
        expect(item.target_households, item.code).toBe(expected[i].target_households);
        // rank with ties: 1 + the number of districts with a strictly higher share
        expect(item.rank, item.code).toBe(1 + expected.filter((e) => e.value > expected[i].value + 1e-12).length);
      });
    }
  });

  it('public callers do not see areas of fewer than 5 located target households (subdistricts)', async () => {
    const r = (await app.inject(`/api/access/rankings?level=subdistrict&parent=30&km=3&order=asc&limit=1000&year=${YEAR}`)).json();
    expect(r.items.length).toBeGreaterThan(0);
    for (const item of r.items) expect(item.target_households).toBeGreaterThanOrEqual(5);
  });
});

describe('areas tiles', () => {
  it('carry the rollup figures, and nothing for fewer than 5 located targets', async () => {
    const { rows } = await db.raw(`
      select m.metrics, x.clinic_far_5km_share, x.school_far_10km_share, x.clinic_mean_km, x.clinic_2sfca_per_1000, x.target_clinic_located
      from tile_area_metrics m join area_access_stats x using (code, survey_year)
      where m.survey_year = ? and x.level = 'district' order by m.code limit 20`, [YEAR]);
    let compared = 0;
    for (const r of rows) {
      // a figure the disclosure policy withholds is absent and named in `withheld`; the rest are the rollup's
      const withheld = String(r.metrics.withheld ?? '').split(',');
      for (const [key, value] of [['clinic_far_5km_share', r.clinic_far_5km_share], ['school_far_10km_share', r.school_far_10km_share],
        ['clinic_mean_km', r.clinic_mean_km], ['clinic_2sfca', r.clinic_2sfca_per_1000]] as const) {
        if (withheld.includes(key)) expect(r.metrics, key).not.toHaveProperty(key);
        else {
          expect(r.metrics[key], key).toBeCloseTo(value, 12);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
    const { rows: few } = await db.raw(`
      select m.metrics from tile_area_metrics m join area_access_stats x using (code, survey_year)
      where m.survey_year = ? and x.households >= 5 and x.target_clinic_located between 1 and 4 limit 5`, [YEAR]);
    expect(few.length).toBeGreaterThan(0);
    for (const r of few) {
      expect(r.metrics).not.toHaveProperty('clinic_far_5km_share');
      expect(r.metrics.withheld.split(',')).toContain('clinic_far_5km_share');
    }
  });
});
