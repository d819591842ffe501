/**
 * Household debt, access to finance, unemployment and under-employment (issue 24) on a hand-made
 * fixture (scratch database): sixteen households in two villages and seven people, each written out
 * below, every count worked out by hand for every level. Then what the API, the rankings and the
 * tiles' figures show of them: everything to an analyst inside the grant, and to the public only
 * what the disclosure policy publishes (village 2's counts are 1 to 4, so withheld, and village 1's
 * with them, since the subdistrict's total would give them away by subtraction). Last, the imports
 * of both files take the new columns and reject bad values naming the column.
 */
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db/knex.js';
import { refreshDisclosure } from '../../server/disclosure/refresh.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { testApp, userWithToken } from '../helpers/api.js';
import { importCsvText, tableChecksum } from '../helpers/imports.js';
import { HOUSEHOLD_FORMAT, PERSON_FORMAT } from '../../server/imports/formats.js';

// house, has_debt, informal_debt, finance_access (null: the survey did not ask)
type H = [string, boolean | null, boolean | null, boolean | null];
const HOUSEHOLDS: H[] = [
  // village 1: ten households, all asked; 7 with debt, 5 of them informal; 6 without access to finance
  ['910101010001', true, true, false], ['910101010002', true, true, false], ['910101010003', true, true, false],
  ['910101010004', true, true, false], ['910101010005', true, true, false], ['910101010006', true, false, false],
  ['910101010007', true, false, true], ['910101010008', false, false, true], ['910101010009', false, false, true],
  ['910101010010', false, false, true],
  // village 2: four asked (2 with debt, 1 informal; 2 without access), two not asked
  ['910101020001', true, true, false], ['910101020002', true, false, false], ['910101020003', false, false, true],
  ['910101020004', false, false, true], ['910101020005', null, null, null], ['910101020006', null, null, null],
];
// [debt asked, debt, informal debt, finance asked, no finance]
const VILLAGE_1 = [10, 7, 5, 10, 6];
const VILLAGE_2 = [4, 2, 1, 4, 2];
const ALL = [14, 9, 6, 14, 8];

// house, person, age, in education, employed, unemployed, underemployed (null: not asked)
type P = [string, number, number, boolean, boolean, boolean | null, boolean | null];
const PEOPLE: P[] = [
  ['910101010001', 1, 40, false, true, false, true],    // labour force, under-employed
  ['910101010001', 2, 35, false, false, true, false],   // labour force, unemployed
  ['910101010001', 3, 10, true, false, false, false],   // a child: not in the labour force
  ['910101010002', 1, 50, false, true, false, false],   // labour force, fully employed
  ['910101010002', 2, 20, true, false, false, false],   // a student: not in the labour force
  ['910101010002', 3, 65, false, true, false, false],   // over 59: not counted
  ['910101020001', 1, 30, false, true, null, null],     // not asked: not in the labour force
];
// [labour force, unemployed, under-employed] people, then the households holding one
const WORK_VILLAGE_1 = { labour_force: [3, 2], unemployed: [1, 1], underemployed: [1, 1] };
const WORK_VILLAGE_2 = { labour_force: [0, 0], unemployed: [0, 0], underemployed: [0, 0] };

const FINANCE_COLUMNS = ['debt_asked_households', 'debt_households', 'informal_debt_households', 'finance_asked_households', 'no_finance_households'];

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_finance_fixture');
  db = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
  for (const [house, debt, informal, access] of HOUSEHOLDS) {
    await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                         members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                         head_name, national_id, has_debt, informal_debt, finance_access)
                  values (2022, ?, ?, '910101', '9101', '91', null, 3, 0, 150000, 0, false, 0, 'นายสมชาย ใจดี', '1101700203451', ?, ?, ?)`,
      [house, house.slice(0, 8), debt, informal, access]);
  }
  for (const [house, no, age, education, employed, unemployed, underemployed] of PEOPLE) {
    await db('person').insert({
      survey_year: 2022, house_code: house, person_no: no, village_code: house.slice(0, 8), subdistrict_code: '910101',
      district_code: '9101', province_code: '91', national_id: '1101700203451', age, sex: 'm', relation_to_head: no === 1 ? 'head' : 'child',
      disabled: false, in_education: education, employed, literate: true, welfare_card: false, needs_daily_care: false, receives_care: null,
      unemployed, underemployed,
    });
  }
  await db.raw("select povmap.refresh_household_rollups(); select povmap.refresh_rollup_table('area_person_stats')");
  await refreshDisclosure(db);
  app = await testApp(scratch.url);
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await scratch?.drop();
});

describe('the rollups', () => {
  it.each([['91010101', VILLAGE_1], ['91010102', VILLAGE_2], ['910101', ALL], ['9101', ALL], ['91', ALL], ['TH', ALL]] as const)(
    'area %s: households asked, with debt, informal debt, asked about finance, without access equal the hand count', async (code, expected) => {
      const row = await db('area_stats').where({ code, survey_year: 2022 }).first(FINANCE_COLUMNS);
      expect(FINANCE_COLUMNS.map((c) => row[c])).toEqual(expected);
    });

  it.each([['91010101', WORK_VILLAGE_1], ['91010102', WORK_VILLAGE_2], ['91', WORK_VILLAGE_1], ['TH', WORK_VILLAGE_1]] as const)(
    'area %s: the labour force, unemployed and under-employed equal the hand count', async (code, expected) => {
      const row = await db('area_person_stats').where({ code, survey_year: 2022 }).first();
      for (const [group, [people, households]] of Object.entries(expected)) {
        expect([group, row[group], row[`${group}_households`]]).toEqual([group, people, households]);
      }
    });

  it('the person search flags agree with the rollup', async () => {
    const [row] = (await db.raw(`select count(*) filter (where labour_force)::int as labour_force, count(*) filter (where unemployed)::int as unemployed,
                                        count(*) filter (where underemployed)::int as underemployed from person_in_groups`)).rows;
    expect(row).toEqual({ labour_force: 3, unemployed: 1, underemployed: 1 });
  });

  it('refuses a household whose informal debt has no debt, and an employed unemployed person (constraints)', async () => {
    await expect(db.raw(`update household set has_debt = false, informal_debt = true where house_code = '910101010008'`)).rejects.toThrow(/informal_debt_is_debt/);
    await expect(db.raw(`update person set unemployed = true where house_code = '910101010001' and person_no = 1`)).rejects.toThrow(/unemployed_without_work/);
  });
});

describe('the area API', () => {
  it('shows an analyst inside the grant every count and share', async () => {
    const { headers } = await userWithToken(app, 'finance_fixture', 'analyst', ['91']);
    const r = await app.inject({ method: 'GET', url: '/api/areas/91010102', headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().finance).toEqual({
      debt_asked_households: 4, finance_asked_households: 4, debt_households: 2, debt_share: 2 / 4,
      informal_debt_households: 1, informal_debt_share: 1 / 4, no_finance_households: 2, no_finance_share: 2 / 4, withheld: {},
    });
    const groups = Object.fromEntries((await app.inject({ method: 'GET', url: '/api/areas/91010101', headers })).json()
      .person_groups.groups.map((g: { id: string }) => [g.id, g]));
    expect(groups.unemployed).toEqual({ id: 'unemployed', of: 'labour_force', people: 1, share: 1 / 3 });
    expect(groups.underemployed).toEqual({ id: 'underemployed', of: 'labour_force', people: 1, share: 1 / 3 });
  });

  it('withholds village 2\'s small counts from the public, village 1\'s as their complement, and publishes the subdistrict', async () => {
    const v2 = (await app.inject({ method: 'GET', url: '/api/areas/91010102' })).json().finance;
    expect(v2).toMatchObject({ debt_households: null, debt_share: null, informal_debt_households: null, no_finance_households: null, no_finance_share: null });
    expect(v2.withheld).toMatchObject({ debt_households: 'count-1-4', no_finance_households: 'count-1-4', debt_share: 'from-withheld-count' });
    const v1 = (await app.inject({ method: 'GET', url: '/api/areas/91010101' })).json().finance;
    expect(v1).toMatchObject({ debt_households: null, no_finance_households: null, informal_debt_households: null });
    expect(v1.withheld).toMatchObject({ debt_households: 'complementary', no_finance_households: 'complementary' });
    const sub = (await app.inject({ method: 'GET', url: '/api/areas/910101' })).json().finance;
    expect(sub).toEqual({
      debt_asked_households: 14, finance_asked_households: 14, debt_households: 9, debt_share: 9 / 14,
      informal_debt_households: 6, informal_debt_share: 6 / 14, no_finance_households: 8, no_finance_share: 8 / 14, withheld: {},
    });
  });

  it('leaves the tiles\' figures out where the policy withholds them', async () => {
    const rows = await db('tile_area_metrics').where({ survey_year: 2022 }).whereIn('code', ['91010101', '910101']).select('code', 'metrics');
    const byCode = Object.fromEntries(rows.map((r: { code: string; metrics: Record<string, unknown> }) => [r.code, r.metrics]));
    expect(byCode['91010101'].debt_households).toBeUndefined();
    expect(byCode['91010101'].no_finance_share).toBeUndefined();
    expect(String(byCode['91010101'].withheld).split(',')).toEqual(expect.arrayContaining(['debt_households', 'no_finance_share', 'debt_share']));
    expect(byCode['910101']).toMatchObject({ debt_households: 9, no_finance_households: 8, no_finance_share: 8 / 14, informal_debt_share: 6 / 14 });
  });
});

describe('rankings', () => {
  it('ranks the villages by households without access to finance, and by its share, for an analyst', async () => {
    const { headers } = await userWithToken(app, 'finance_rank', 'analyst', ['91']);
    const count = await app.inject({ method: 'GET', url: '/api/rankings?level=village&parent=91&by=no_finance_households', headers });
    expect(count.statusCode, count.body).toBe(200);
    expect(count.json().items.map((i: { code: string; value: number; rank: number }) => [i.rank, i.code, i.value]))
      .toEqual([[1, '91010101', 6], [2, '91010102', 2]]);
    const share = await app.inject({ method: 'GET', url: '/api/rankings?level=village&parent=91&by=no_finance_share', headers });
    expect(share.json().items.map((i: { code: string; value: number }) => [i.code, i.value])).toEqual([['91010101', 0.6], ['91010102', 0.5]]);
    const unemployed = await app.inject({ method: 'GET', url: '/api/rankings?level=village&parent=91&by=group:unemployed', headers });
    // village 2 has no labour force: no share, left out
    expect(unemployed.json().items.map((i: { code: string; value: number }) => [i.code, i.value])).toEqual([['91010101', 1 / 3]]);
  });

  it('leaves both villages out for the public (withheld, and withheld as a complement)', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/rankings?level=village&parent=91&by=no_finance_households' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toEqual([]);
  });

  it('refuses an unknown measure with a problem naming the parameter', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/rankings?by=no_finance_people' });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.body).toContain('by');
  });
});

describe('the household list and its CSV', () => {
  // the hand-made table above, read directly: the houses with each flag, in house-code order
  const houses = (keep: (h: H) => boolean) => HOUSEHOLDS.filter(keep).map(([house]) => house).sort();
  const cell = (v: boolean | null) => (v === null ? '' : v ? '1' : '0');

  it('filters by debt, informal debt and no access to finance (not asked: never listed), naming the flags in each row', async () => {
    const { headers } = await userWithToken(app, 'finance_list', 'analyst', ['91']);
    const list = async (finance: string) => {
      const r = await app.inject({ method: 'GET', url: `/api/households?province=91&year=2022&limit=100&finance=${finance}`, headers });
      expect(r.statusCode).toBe(200);
      return r.json() as { items: Array<{ house_code: string; finance: Record<string, boolean | null> }>; total: number };
    };
    const noFinance = await list('no_finance');
    expect(noFinance.items.map((i) => i.house_code)).toEqual(houses(([, , , access]) => access === false));
    expect(noFinance.total).toBe(8);
    expect(noFinance.items.every((i) => i.finance.finance_access === false)).toBe(true);
    const both = await list('debt,informal_debt');
    expect(both.items.map((i) => i.house_code)).toEqual(houses(([, debt, informal]) => debt === true && informal === true));
    expect(both.total).toBe(6);
    const all = await list('debt');
    expect(all.items.map((i) => i.house_code)).toEqual(houses(([, debt]) => debt === true));
    const notAsked = (await app.inject({ method: 'GET', url: '/api/households?village=91010102&year=2022&limit=100', headers })).json().items
      .filter((i: { finance: Record<string, boolean | null> }) => i.finance.has_debt === null).map((i: { house_code: string }) => i.house_code);
    expect(notAsked).toEqual(['910101020005', '910101020006']);
  });

  it('writes the three flags as 1, 0 or empty (not asked) in the CSV, with Thai headers on request', async () => {
    const { headers } = await userWithToken(app, 'finance_csv', 'analyst', ['91']);
    const r = await app.inject({ method: 'GET', url: '/api/households.csv?province=91&year=2022', headers });
    expect(r.statusCode).toBe(200);
    const rows: Record<string, string>[] = parse(r.body.replace(/^\uFEFF/, ''), { columns: true });
    expect(rows).toHaveLength(HOUSEHOLDS.length);
    for (const [house, debt, informal, access] of HOUSEHOLDS) {
      const row = rows.find((x) => x.house_code === house)!;
      expect([row.has_debt, row.informal_debt, row.finance_access], house).toEqual([cell(debt), cell(informal), cell(access)]);
    }
    const th = await app.inject({ method: 'GET', url: '/api/households.csv?province=91&year=2022&headers=th', headers });
    expect(th.body.split('\n')[0].trim().split(',').slice(-3)).toEqual(['มีหนี้สิน', 'หนี้นอกระบบ', 'เข้าถึงแหล่งเงินทุน']);
  });

  it('refuses an unknown flag naming the parameter', async () => {
    const { headers } = await userWithToken(app, 'finance_bad', 'analyst', ['91']);
    const r = await app.inject({ method: 'GET', url: '/api/households?province=91&year=2022&finance=debt,rich', headers });
    expect(r.statusCode).toBe(400);
    expect(r.json().parameter).toBe('finance');
    expect(r.json().detail).toMatch(/"finance".*"rich"/);
  });
});

describe('imports', () => {
  const householdLine = (house: string, debt: string, informal: string, access: string) => {
    const values: Record<string, string> = {
      survey_year: '2023', house_code: house, village_code: house.slice(0, 8), head_name: 'นางมาลี ศรีสุข', national_id: '1101700203450',
      lon: '', lat: '', members: '2', welfare_card_holders: '0', income_per_person: '50000', dependents: '0', housing_problem: '0',
      has_debt: debt, informal_debt: informal, finance_access: access,
    };
    return HOUSEHOLD_FORMAT.columns.map((c) => values[c.name] ?? '0').join(',');
  };

  it('takes the household flags (empty: not asked) and rejects bad values naming the column, writing nothing of a bad line', async () => {
    const { headers: admin } = await userWithToken(app, 'finance_import', 'admin');
    const before = await tableChecksum(db, 'household');
    const text = [
      HOUSEHOLD_FORMAT.columns.map((c) => c.name).join(','),
      householdLine('910101010101', '1', '1', '0'),   // line 2: good
      householdLine('910101010102', '', '', ''),      // line 3: good, not asked
      householdLine('910101010103', '2', '0', '1'),   // line 4: has_debt not a flag
      householdLine('910101010104', '0', '1', '1'),   // line 5: informal debt without debt
      householdLine('910101010105', '1', '0', 'yes'), // line 6: finance_access not a flag
    ].join('\n');
    const { job, rejects } = await importCsvText(app, admin, 'households', text);
    expect(job).toMatchObject({ state: 'done', rows_read: 5, rows_valid: 2, rows_rejected: 3, inserted: 2 });
    expect(rejects.map((x) => [x.line, x.column])).toEqual([[4, 'has_debt'], [5, 'informal_debt'], [6, 'finance_access']]);
    expect(rejects[1].reason).toMatch(/has_debt is not 1/);
    const stored = await db('household').where({ survey_year: 2023 }).orderBy('house_code').select('house_code', 'has_debt', 'informal_debt', 'finance_access');
    expect(stored).toEqual([
      { house_code: '910101010101', has_debt: true, informal_debt: true, finance_access: false },
      { house_code: '910101010102', has_debt: null, informal_debt: null, finance_access: null },
    ]);
    expect(await tableChecksum(db, 'household')).not.toBe(before);
  });

  it('takes the person flags and rejects contradictions naming the column', async () => {
    const { headers: admin } = await userWithToken(app, 'finance_import_p', 'admin');
    const line = (no: number, age: number, education: string, employed: string, unemployed: string, underemployed: string) => {
      const values: Record<string, string> = {
        survey_year: '2023', house_code: '910101010101', person_no: String(no), national_id: '1101700203450', age: String(age), sex: 'f',
        relation_to_head: 'child', disabled: '0', in_education: education, employed, literate: '1', welfare_card: '0', needs_daily_care: '0',
        receives_care: '', unemployed, underemployed,
      };
      return PERSON_FORMAT.columns.map((c) => values[c.name]).join(',');
    };
    const text = [
      PERSON_FORMAT.columns.map((c) => c.name).join(','),
      line(1, 30, '0', '0', '1', '0'),  // line 2: good, unemployed
      line(2, 40, '0', '1', '0', '1'),  // line 3: good, under-employed
      line(3, 30, '0', '1', '1', '0'),  // line 4: unemployed while employed
      line(4, 30, '0', '0', '0', '1'),  // line 5: under-employed without work
      line(5, 70, '0', '0', '1', ''),   // line 6: unemployed at 70
      line(6, 30, '0', '0', 'x', ''),   // line 7: not a flag
    ].join('\n');
    const { job, rejects } = await importCsvText(app, admin, 'persons', text);
    expect(job).toMatchObject({ state: 'done', rows_read: 6, rows_valid: 2, rows_rejected: 4, inserted: 2 });
    expect(rejects.map((x) => [x.line, x.column])).toEqual([[4, 'unemployed'], [5, 'underemployed'], [6, 'unemployed'], [7, 'unemployed']]);
    expect(rejects[2].reason).toMatch(/outside 15–59/);
    const stored = await db('person').where({ survey_year: 2023 }).orderBy('person_no').select('person_no', 'unemployed', 'underemployed');
    expect(stored).toEqual([{ person_no: 1, unemployed: true, underemployed: false }, { person_no: 2, unemployed: false, underemployed: true }]);
  });
});
