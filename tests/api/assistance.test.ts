/**
 * The assistance logbook on the demo data: entries by route (grants respected, audited, bad input
 * named), per-area progress equal to a direct count, and the generated logbook's calibration.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';

const NOTE = 'assistance-test';
let app: FastifyInstance;
let house: { survey_year: number; house_code: string; province_code: string; district_code: string };

beforeAll(async () => {
  app = await testApp();
  house = await app.db('household').where({ province_code: '57' }).whereRaw('deprived <> 0')
    .orderBy(['survey_year', 'house_code']).first('survey_year', 'house_code', 'province_code', 'district_code');
});

afterAll(async () => {
  await app.db('assistance_log').where({ note: NOTE }).delete();
  // the route refreshed the logbook rollup after its writes: refresh it again so the test database
  // does not keep this file's entries in its published figures
  app.imports.refreshAssistanceSoon();
  await app.imports.idle();
  await deleteUsers(app, 'assistance');
  await app.close();
}, 600_000); // waits for a whole logbook refresh, as the direct-count test below does

const entry = { agency: 'อบต.ทดสอบ', done_on: '2023-07-01', dimension: 'income', stage: 'sufficiency', status: 'done', note: NOTE };
const url = () => `/api/households/${house.survey_year}/${house.house_code}/assistance`;

describe('logbook entries by route', () => {
  it('an analyst inside the grant records and lists entries; the write is audited', async () => {
    const { headers, user } = await userWithToken(app, 'assistance', 'analyst', [house.district_code]);
    const r = await app.inject({ method: 'POST', url: url(), headers, payload: entry });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ ...entry, survey_year: house.survey_year, house_code: house.house_code });
    const again = await app.inject({ method: 'POST', url: url(), headers, payload: entry });
    expect(again.statusCode).toBe(409);
    const list = await app.inject({ method: 'GET', url: url(), headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((i: { note: string }) => i.note === NOTE)).toHaveLength(1);
    const audit = await app.db('audit_log').where({ user_id: user.id }).orderBy('id').pluck('action');
    expect(audit).toEqual(['assistance.write', 'assistance.list']);
  });

  it('outside the grant 403, public 403, anonymous 401, unknown household 404', async () => {
    const other = house.province_code === '10' ? '11' : '10';
    const { headers: outside } = await userWithToken(app, 'assistance', 'analyst', [other]);
    const { headers: pub } = await userWithToken(app, 'assistance', 'public');
    for (const method of ['POST', 'GET'] as const) {
      const payload = method === 'POST' ? { ...entry, done_on: '2023-07-02' } : undefined;
      expect((await app.inject({ method, url: url(), headers: outside, payload })).statusCode).toBe(403);
      expect((await app.inject({ method, url: url(), headers: pub, payload })).statusCode).toBe(403);
      expect((await app.inject({ method, url: url(), payload })).statusCode).toBe(401);
    }
    const { headers: admin } = await userWithToken(app, 'assistance', 'admin');
    expect((await app.inject({ method: 'GET', url: `/api/households/${house.survey_year}/${house.house_code.slice(0, 8)}9999/assistance`, headers: admin })).statusCode).toBe(404);
  });

  it('bad input is a 400 naming the field', async () => {
    const { headers } = await userWithToken(app, 'assistance', 'admin');
    for (const [payload, parameter] of [
      [{ ...entry, dimension: 'wealth' }, 'dimension'],
      [{ ...entry, stage: 'rescue' }, 'stage'],
      [{ ...entry, done_on: '2023-13-01' }, 'done_on'],
      [{ ...entry, agency: undefined }, 'agency'],
    ] as const) {
      const r = await app.inject({ method: 'POST', url: url(), headers, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().parameter).toBe(parameter);
    }
    expect((await app.inject({ method: 'POST', url: `/api/households/1999/${house.house_code}/assistance`, headers, payload: entry })).statusCode).toBe(400);
  });
});

describe('progress per area', () => {
  /**
   * The area's progress counted here in TypeScript from the raw rows (not with sql/api/area_assistance.sql's
   * SQL): helped = targets with any 'done' entry; a target's status = its latest entry's (newest
   * done_on, then the newest entry), 'none' without one.
   */
  const direct = async (code: string, level: string, year: number) => {
    const households: Array<{ house_code: string; deprived: number }> = await app.db('household')
      .where({ survey_year: year, [`${level}_code`]: code }).select('house_code', 'deprived');
    const entries: Array<{ house_code: string; status: string; done_on: Date; id: number }> = await app.db('assistance_log')
      .where({ survey_year: year }).select('house_code', 'status', 'done_on', 'id');
    const byHouse = new Map<string, typeof entries>();
    for (const e of entries) byHouse.set(e.house_code, [...(byHouse.get(e.house_code) ?? []), e]);
    const targets = households.filter((h) => h.deprived !== 0);
    const status = { none: 0, planned: 0, in_progress: 0, done: 0 } as Record<string, number>;
    let helped = 0;
    for (const t of targets) {
      const own = byHouse.get(t.house_code) ?? [];
      if (own.some((e) => e.status === 'done')) helped++;
      const latest = own.reduce<(typeof own)[number] | undefined>((best, e) =>
        !best || e.done_on.getTime() > best.done_on.getTime() || (e.done_on.getTime() === best.done_on.getTime() && e.id > best.id) ? e : best, undefined);
      status[latest ? latest.status : 'none']++;
    }
    return { households: households.length, targets: targets.length, helped, status };
  };

  it('equals a direct count over the rows (an analyst inside the grant sees every figure)', async () => {
    // the entry written above reaches the logbook rollup the route reads moments later
    await app.imports.idle();
    const { headers } = await userWithToken(app, 'assistance', 'analyst', ['57']);
    for (const [code, level] of [['57', 'province'], [house.district_code, 'district']]) {
      const r = await app.inject({ method: 'GET', url: `/api/areas/${code}/assistance?year=${house.survey_year}`, headers });
      expect(r.statusCode, r.body).toBe(200);
      const d = await direct(code, level, house.survey_year);
      expect(r.json()).toMatchObject({ code, level, suppressed: false, households: d.households, target_households: d.targets, helped_households: d.helped });
      expect(r.json().helped_share).toBeCloseTo(d.helped / d.targets, 12);
      expect(d.targets).toBeGreaterThan(0);
      expect(r.json().targets_by_status).toEqual(d.status);
    }
  }, 600_000); // waits for the logbook rollup's refresh after the write above

  it('the generated logbook is calibrated to the seed: about 98.74 % of targets helped', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/areas/TH/assistance' });
    expect(r.statusCode).toBe(200);
    const a = r.json();
    expect(a.target_households).toBeGreaterThan(10_000);
    expect(a.helped_share).toBeGreaterThan(0.98);
    expect(a.helped_share).toBeLessThan(0.995);
    const statuses = a.targets_by_status;
    expect(statuses.none + statuses.planned + statuses.in_progress + statuses.done).toBe(a.target_households);
  });

  it('public callers get small cells suppressed; unknown areas 404', async () => {
    const village = await app.db('area_stats').where({ level: 'village', survey_year: house.survey_year }).where('target_households', '>', 0)
      .where('target_households', '<', 5).first('code');
    const r = await app.inject({ method: 'GET', url: `/api/areas/${village.code}/assistance?year=${house.survey_year}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().target_households).toBeNull();
    expect(r.json().helped_share).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/areas/99999999/assistance' })).statusCode).toBe(404);
  });
});
