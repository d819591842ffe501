/**
 * Groups of people on a hand-made fixture (scratch database): four households of twelve people in
 * two villages, each person written out below, and every group count worked out by hand from the
 * table for every level (village, subdistrict, district, province, country). Then what the API
 * shows of them: everything to an analyst inside the grant, and to the public only what the
 * disclosure policy publishes (every count here is 1 to 4 people or households, so nothing).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/knex.js';
import { refreshDisclosure } from '../../server/disclosure/refresh.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { testApp, userWithToken } from '../helpers/api.js';

const bit = (...ns: number[]) => ns.reduce((m, n) => m | (1 << (n - 1)), 0); // indicator numbers 1..17

// house, village, members, deprived, welfare card holders, income/person, dependents
const HOUSEHOLDS: Array<[string, string, number, number, number, number, number]> = [
  ['910101010001', '91010101', 3, 0, 0, 150000, 0],              // not vulnerable (income ≥ 100,000, no dependents)
  ['910101010002', '91010101', 4, bit(10, 13), 4, 30000, 2],     // target, every member holds a card; vulnerable
  ['910101010003', '91010101', 2, bit(16, 17), 0, 20000, 2],     // target without card; vulnerable
  ['910101020001', '91010102', 3, 0, 2, 80000, 1],               // two card holders, not a target; vulnerable
];

// house, person, age, sex, relation, disabled, in education, employed, card, needs daily care, receives care
type P = [string, number, number, 'm' | 'f', string, boolean, boolean, boolean, boolean, boolean, boolean | null];
const PEOPLE: P[] = [
  ['910101010001', 1, 40, 'm', 'head', false, false, true, false, false, null],
  ['910101010001', 2, 38, 'f', 'spouse', false, false, true, false, false, null],
  ['910101010001', 3, 10, 'm', 'child', false, true, false, false, false, null],   // school age, in school
  ['910101010002', 1, 45, 'm', 'head', false, false, false, true, false, null],    // working age without work
  ['910101010002', 2, 20, 'f', 'child', false, false, false, true, false, null],   // NEET (and working age without work)
  ['910101010002', 3, 8, 'm', 'child', false, false, false, true, false, null],    // school age out of school
  ['910101010002', 4, 2, 'f', 'grandchild', false, false, false, true, false, null], // child 0-5
  ['910101010003', 1, 70, 'f', 'head', false, false, true, false, true, false],    // elderly without care
  ['910101010003', 2, 30, 'm', 'child', true, false, true, false, false, false],   // disabled without care
  ['910101020001', 1, 65, 'm', 'head', false, false, true, true, false, null],     // card, not a target
  ['910101020001', 2, 62, 'f', 'spouse', false, false, true, true, true, true],    // card, not a target; cared for
  ['910101020001', 3, 17, 'm', 'child', false, true, false, false, false, null],   // youth in school
];

// [people, households holding one] per group, worked out from the table above
const VILLAGE_1 = {
  persons: [9, 3], target_card: [4, 1], target_nocard: [2, 1], vulnerable: [6, 2], card_not_target: [0, 0],
  children_0_5: [1, 1], school_age: [2, 2], school_age_out: [1, 1], youth: [1, 1], neet: [1, 1],
  working_age: [5, 3], working_no_work: [2, 1], elderly: [1, 1], elderly_no_care: [1, 1], disabled: [1, 1], disabled_no_care: [1, 1],
};
const VILLAGE_2 = {
  persons: [3, 1], target_card: [0, 0], target_nocard: [0, 0], vulnerable: [3, 1], card_not_target: [2, 1],
  children_0_5: [0, 0], school_age: [0, 0], school_age_out: [0, 0], youth: [1, 1], neet: [0, 0],
  working_age: [1, 1], working_no_work: [0, 0], elderly: [2, 1], elderly_no_care: [0, 0], disabled: [0, 0], disabled_no_care: [0, 0],
};
const ALL = {
  persons: [12, 4], target_card: [4, 1], target_nocard: [2, 1], vulnerable: [9, 3], card_not_target: [2, 1],
  children_0_5: [1, 1], school_age: [2, 2], school_age_out: [1, 1], youth: [2, 2], neet: [1, 1],
  working_age: [6, 4], working_no_work: [2, 1], elderly: [3, 2], elderly_no_care: [1, 1], disabled: [1, 1], disabled_no_care: [1, 1],
};

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let rollup: Map<string, Record<string, number>>;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_people_fixture');
  const db = createDb(scratch.url, { max: 1 });
  await insertFixtureAreas(db);
  for (const [house, village, members, deprived, cards, income, dependents] of HOUSEHOLDS) {
    await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                         members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                         head_name, national_id)
                  values (2022, ?, ?, '910101', '9101', '91', null, ?, ?, ?, ?, false, ?, 'นายสมชาย ใจดี', '1101700203451')`,
      [house, village, members, deprived, income, dependents, cards]);
  }
  for (const [house, no, age, sex, relation, disabled, education, employed, card, dailyCare, care] of PEOPLE) {
    await db('person').insert({
      survey_year: 2022, house_code: house, person_no: no, village_code: house.slice(0, 8), subdistrict_code: '910101',
      district_code: '9101', province_code: '91', national_id: '1101700203451', age, sex, relation_to_head: relation,
      disabled, in_education: education, employed, literate: true, welfare_card: card, needs_daily_care: dailyCare, receives_care: care,
    });
  }
  await db.raw("select povmap.refresh_household_rollups(); select povmap.refresh_rollup_table('area_person_stats')");
  await refreshDisclosure(db);
  rollup = new Map((await db('area_person_stats').where({ survey_year: 2022 })).map((r: Record<string, number> & { code: string }) => [r.code, r]));
  await db.destroy();
  app = await testApp(scratch.url);
});

afterAll(async () => {
  await app?.close();
  await scratch?.drop();
});

describe('the rollup of people (area_person_stats)', () => {
  it.each([
    ['91010101', VILLAGE_1], ['91010102', VILLAGE_2], ['910101', ALL], ['9101', ALL], ['91', ALL], ['TH', ALL],
  ] as const)('area %s: every group\'s people and households equal the hand count', (code, expected) => {
    const row = rollup.get(code)!;
    for (const [group, [people, households]] of Object.entries(expected)) {
      expect([group, row[group], row[`${group}_households`]]).toEqual([group, people, households]);
    }
  });
});

describe('the rollup of people, as the generator counts it', () => {
  // With JIT on (the generator's rollups) the function counts through one lateral join over the
  // provinces and years, compiled once; otherwise through a union of one branch per province and year.
  it.each([['every province', null], ['province 91', ['91']]] as const)('%s: the same rows with JIT on as with it off', async (_label, provinces) => {
    const db = createDb(scratch.url, { max: 1 });
    try {
      const rows = (jit: 'on' | 'off') => db.transaction(async (trx) => {
        await trx.raw(`set local jit = ${jit}`);
        const { rows: counted } = await trx.raw('select * from povmap.area_person_stats_rows(?::text[]) order by survey_year, code', [provinces as string[] | null]);
        return counted as Array<Record<string, unknown>>;
      });
      const [on, off] = [await rows('on'), await rows('off')];
      expect(off.length).toBe(provinces ? 5 : 6);
      expect(on).toEqual(off);
      expect(off.find((r) => r.code === '91010101')).toMatchObject({ persons: rollup.get('91010101')!.persons, neet: rollup.get('91010101')!.neet });
    } finally {
      await db.destroy();
    }
  });
});

describe('the area API', () => {
  it('shows an analyst inside the grant every group and its share', async () => {
    const { headers } = await userWithToken(app, 'people_fixture', 'analyst', ['91']);
    const r = await app.inject({ method: 'GET', url: '/api/areas/91010101', headers });
    expect(r.statusCode, r.body).toBe(200);
    const groups = Object.fromEntries(r.json().person_groups.groups.map((g: { id: string }) => [g.id, g]));
    expect(groups.neet).toEqual({ id: 'neet', of: 'youth', people: 1, share: 1 });
    expect(groups.working_no_work).toEqual({ id: 'working_no_work', of: 'working_age', people: 2, share: 2 / 5 });
    expect(groups.target_card).toEqual({ id: 'target_card', of: 'persons', people: 4, share: 4 / 9 });
    expect(groups.school_age_out.share).toBe(1 / 2);
    // no registry here: groups 3.2 and 4 count nobody (tests/api/registry-figures.test.ts counts them)
    expect(r.json().person_groups.card_holders_unsurveyed).toBe(0);
    expect(r.json().person_groups.exclusion_errors).toBe(0);
  });

  it('publishes none of these small counts to the public, and no share resting on one', async () => {
    for (const code of ['91010101', '910101', '91']) {
      const r = await app.inject({ method: 'GET', url: `/api/areas/${code}` });
      expect(r.statusCode, r.body).toBe(200);
      for (const g of r.json().person_groups.groups) {
        // every count is 0 or 1-4 people in 1-4 households: zero is published, the rest is not
        if (g.people !== null) expect([code, g.id, g.people]).toEqual([code, g.id, 0]);
        if (g.share !== null) expect([code, g.id, g.share]).toEqual([code, g.id, 0]);
      }
    }
  });
});

describe('rankings by a group of people', () => {
  it('ranks the villages by their NEET share (village 1: 1 of 1 youth; village 2: 0 of 1)', async () => {
    const { headers } = await userWithToken(app, 'people_rank', 'analyst', ['91']);
    const r = await app.inject({ method: 'GET', url: '/api/rankings?level=village&parent=91&by=group:neet', headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((i: { code: string; value: number; rank: number }) => [i.rank, i.code, i.value]))
      .toEqual([[1, '91010101', 1], [2, '91010102', 0]]);
  });

  it('refuses an unknown group with a problem naming the parameter', async () => {
    for (const [url, parameter] of [['/api/rankings?by=group:nobody', 'by'], ['/api/hotspots?level=province&measure=group:nobody', 'measure']]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(r.body).toContain(parameter);
    }
  });
});

