/**
 * A hand-checked fixture in a scratch database: one province with two villages and seven
 * households whose deprivations were chosen so every figure can be worked out on paper
 * (the working is in the comments). Scores in sixtieths: 1/20 = 3, 1/15 = 4, 1/10 = 6.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/knex.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { testApp, userWithToken } from '../helpers/api.js';
import { refreshDisclosure } from '../../server/disclosure/refresh.js';

const bit = (...ns: number[]) => ns.reduce((m, n) => m | (1 << (n - 1)), 0); // indicator numbers 1..17

// house, village, members, deprived, welfare card holders, income/person, dependents, housing problem
const HOUSEHOLDS: Array<[string, string, number, number, number, number, number, boolean]> = [
  ['910101010001', '91010101', 4, 0, 1, 150000, 0, false],                  // score 0; card, no failure: to survey
  ['910101010002', '91010101', 2, bit(4, 13, 15), 0, 50000, 0, false],      // 3+4+4 = 11; health, income
  ['910101010003', '91010101', 3, bit(5, 15, 16, 17), 0, 50000, 3, false],  // 3+4+6+6 = 19; living, income, access
  ['910101010004', '91010101', 5, bit(1, 2, 3, 4, 5, 9, 13), 2, 20000, 1, false], // 12+3+3+4 = 22; 4 dimensions
  ['910101010005', '91010101', 1, bit(...Array.from({ length: 17 }, (_, i) => i + 1)), 1, 10000, 0, true], // 60: all
  ['910101020001', '91010102', 3, bit(13, 14, 16, 17), 0, 200000, 2, false], // 4+4+6+6 = 20; income, access
  ['910101020002', '91010102', 2, 0, 0, 200000, 0, true],                   // score 0
];

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_fixture_api');
  const db = createDb(scratch.url, { max: 1 });
  await insertFixtureAreas(db);
  for (const [house, village, members, deprived, cards, income, dependents, housing] of HOUSEHOLDS) {
    await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                         members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                         head_name, national_id)
                  values (2022, ?, ?, '910101', '9101', '91', st_setsrid(st_makepoint(100.2, 6.5), 4326), ?, ?, ?, ?, ?, ?, 'นายสมชาย ใจดี', '1101700203451')`,
      [house, village, members, deprived, income, dependents, housing, cards]);
  }
  await db('assistance_log').insert([
    { survey_year: 2022, house_code: '910101010004', agency: 'อบต.', done_on: '2022-03-01', dimension: 'health', stage: 'survive', status: 'planned' },
    { survey_year: 2022, house_code: '910101010004', agency: 'อบต.', done_on: '2022-06-01', dimension: 'health', stage: 'survive', status: 'done' },
    { survey_year: 2022, house_code: '910101010005', agency: 'พมจ.', done_on: '2022-04-01', dimension: 'income', stage: 'sufficiency', status: 'in_progress' },
  ]);
  await db.raw('select povmap.refresh_household_rollups()');
  await refreshDisclosure(db); // what the public may see of the new rollups
  await db.destroy();
  app = await testApp(scratch.url);
});

afterAll(async () => {
  await app?.close();
  await scratch?.drop();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const r = await app.inject({ method: 'GET', url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('hand-checked figures (analyst view)', () => {
  let headers: Record<string, string>;
  beforeAll(async () => ({ headers } = await userWithToken(app, 'fixture', 'analyst', ['91'])));

  it('Alkire-Foster at k = 1/3: households 4, 5 and 6 are poor (scores 22, 60, 20)', async () => {
    const s = await get('/api/areas/910101', headers);
    expect(s.year).toBe(2022);
    expect(s.households).toBe(7);
    expect(s.people).toBe(20);                        // 4+2+3+5+1+3+2
    expect(s.target_households).toBe(5);
    expect(s.target_people).toBe(14);                 // 2+3+5+1+3
    expect(s.poor_people).toBe(9);                    // 5+1+3
    expect(s.h).toBeCloseTo(9 / 20, 12);
    expect(s.a).toBeCloseTo(230 / 540, 12);           // (5·22 + 1·60 + 3·20) / (60 · 9)
    expect(s.m0).toBeCloseTo(230 / 1200, 12);
    const ind = Object.fromEntries(s.indicators.map((i: any) => [i.id, i]));
    expect(ind.newborn_weight.deprived_households).toBe(2);        // households 4, 5
    expect(ind.newborn_weight.censored_headcount).toBeCloseTo(6 / 20, 12);
    expect(ind.newborn_weight.contribution).toBeCloseTo(9 / 115, 12); // (1/20 · 0.3) / (23/120)
    expect(ind.elderly_care.deprived_households).toBe(3);          // households 3, 5, 6
    expect(ind.elderly_care.censored_headcount).toBeCloseTo(4 / 20, 12); // 5 and 6 are poor: 1+3
    expect(ind.elderly_care.contribution).toBeCloseTo(12 / 115, 12);
    expect(ind.income_threshold.censored_headcount).toBeCloseTo(1 / 20, 12); // only household 5 of the poor
    expect(s.indicators.reduce((t: number, i: any) => t + i.contribution, 0)).toBeCloseTo(1, 12);
    const dim = Object.fromEntries(s.dimensions.map((d: any) => [d.id, d]));
    expect(dim.health.failed_households).toBe(3);                  // 2, 4, 5
    expect(dim.health.censored_headcount).toBeCloseTo(6 / 20, 12);
    expect(dim.income.failed_households).toBe(5);                  // 2, 3, 4, 5, 6
    expect(dim.income.censored_headcount).toBeCloseTo(9 / 20, 12);
    expect(s.dimensions.reduce((t: number, d: any) => t + d.contribution, 0)).toBeCloseTo(1, 12);
    expect(s.failed_dims).toEqual([2, 0, 2, 1, 1, 1]);
    expect(s.vulnerability).toEqual([1, 2, 1, 2]);                 // 6 | 2, 7 | 4 | 3, 5
    expect(s.vulnerable_households).toBe(6);
    expect(s.welfare).toEqual({ target_with_card: 2, target_without_card: 3, to_survey: 1 });
    expect(s.bbox).toEqual([100, 6, 101, 7]);
    expect(s.breadcrumb.map((c: any) => c.code)).toEqual(['TH', '91', '9101']);
  });

  it('tpmap: every household failing an indicator is poor', async () => {
    const s = await get('/api/areas/91?mode=tpmap', headers);
    expect(s.k).toBeNull();
    expect(s.poor_people).toBe(14);
    expect(s.h).toBeCloseTo(14 / 20, 12);
    expect(s.a).toBeCloseTo(309 / 840, 12);           // (2·11 + 3·19 + 5·22 + 1·60 + 3·20) / (60 · 14)
    expect(s.m0).toBeCloseTo(309 / 1200, 12);
  });

  it('k = 0.34 drops household 6 (score exactly 1/3); k = 1 keeps only household 5; 11/60 keeps household 2', async () => {
    const s = await get('/api/areas/91?k=0.34', headers);
    expect(s.poor_people).toBe(6);
    const all = await get('/api/areas/91?k=1', headers);
    expect([all.poor_people, all.h, all.a, all.m0]).toEqual([1, 1 / 20, 1, 1 / 20]);
    const low = await get(`/api/areas/91?k=${11 / 60}`, headers);
    expect(low.poor_people).toBe(14);
  });

  it('the two villages add up to the subdistrict', async () => {
    const { parent, children } = await get('/api/areas/910101/children?k=0.5', headers);
    expect(children.map((c: any) => c.code)).toEqual(['91010101', '91010102']);
    expect(children[0].poor_people + children[1].poor_people).toBe(parent.poor_people);
    expect(children.map((c: any) => c.households)).toEqual([5, 2]);
  });

  it('rankings by target share', async () => {
    const r = await get('/api/rankings?level=village&parent=91&by=target_share', headers);
    expect(r.items.map((i: any) => [i.rank, i.code, i.value])).toEqual([[1, '91010101', 4 / 5], [2, '91010102', 1 / 2]]);
    const asc = await get('/api/rankings?level=village&parent=9101&by=indicator:elderly_care&order=asc', headers);
    expect(asc.items.map((i: any) => [i.code, i.value])).toEqual([['91010101', 2 / 5], ['91010102', 1 / 2]]);
  });

  it('logbook status is the latest entry', async () => {
    const done = await get('/api/households?subdistrict=910101&logbook=done', headers);
    expect(done.items.map((i: any) => i.house_code)).toEqual(['910101010004']);
    const open = await get('/api/households?subdistrict=910101&logbook=planned,in_progress', headers);
    expect(open.items.map((i: any) => i.house_code)).toEqual(['910101010005']);
    expect((await get('/api/households?province=91&logbook=none', headers)).total).toBe(5);
  });
});

describe('public callers: aggregates with small cells suppressed', () => {
  it('an area of fewer than 5 households is suppressed whole', async () => {
    const s = await get('/api/areas/91010102');
    expect(s.suppressed).toBe(true);
    expect([s.households, s.people, s.h, s.m0, s.failed_dims, s.welfare]).toEqual([null, null, null, null, null, null]);
    expect(s.indicators).toEqual([]);
  });

  it('cells of 1-4 households are null, zeros and larger cells stay', async () => {
    const s = await get('/api/areas/91010101');
    expect(s.suppressed).toBe(false);
    // 5 households, but its subdistrict 910101 has 7 and its only sibling 91010102 is withheld whole:
    // 7 − 5 would tell the sibling's 2, so the 5 is withheld too (complementary suppression)
    expect(s.households).toBeNull();
    expect(s.withheld.households).toBe('complementary');
    expect(s.target_households).toBeNull();             // 4 targets
    expect(s.withheld.target_households).toBe('count-1-4');
    expect(s.failed_dims).toEqual([null, 0, null, null, null, null]);
    expect(s.h).toBeNull();                             // 2 poor households
    const whole = await get('/api/areas/910101');       // 7 households, 5 targets
    expect(whole.target_households).toBe(5);
    expect(whole.welfare).toEqual({ target_with_card: null, target_without_card: null, to_survey: null });
  });

  it('an analyst sees small cells inside the grant only', async () => {
    const { headers } = await userWithToken(app, 'fixture', 'analyst', ['91010101']);
    expect((await get('/api/areas/91010101', headers)).failed_dims).toEqual([1, 0, 1, 1, 1, 1]);
    expect((await get('/api/areas/91010102', headers)).suppressed).toBe(true);
    const { parent, children } = await get('/api/areas/910101/children', headers);
    expect(parent.welfare.target_with_card).toBeNull();
    expect(children.map((c: any) => c.suppressed)).toEqual([false, true]);
  });

  it('rankings leave out areas of fewer than 5 households and areas whose value is withheld', async () => {
    // 91010102 has 2 households; the target share of 91010101 rests on its 4 target households
    const r = await get('/api/rankings?level=village&parent=91&by=target_share');
    expect(r.items.map((i: any) => i.code)).toEqual([]); // inside a grant both are ranked ('rankings by target share')
  });
});
