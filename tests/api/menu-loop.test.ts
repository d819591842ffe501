/**
 * The path to action on a hand-checked fixture in a scratch database (issue 21): a menu imported as
 * CSV, matched to five households whose expected matches are worked out in the comments, handed off
 * to an agency as CSV, the agency's results imported back, and the progress figures compared with a
 * direct count over the raw logbook rows. Then the registry linkage on a file of known matches,
 * non-matches, bad check digits and duplicates; and bad inputs of every route.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db/knex.js';
import { refreshDisclosure } from '../../server/disclosure/refresh.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { testApp, userWithToken } from '../helpers/api.js';
import { importCsvText } from '../helpers/imports.js';
import { withCheck } from '../helpers/thai-id.js';

const SECRET = 'menu-loop-test-secret-0123456789abcdef';
process.env.POVMAP_ID_SECRET = SECRET;

const bit = (...ns: number[]) => ns.reduce((m, n) => m | (1 << (n - 1)), 0); // indicator numbers 1..17
const STABLE_HOUSE = 5;
const DRINKING_WATER = 6;
const INCOME_THRESHOLD = 15;


// house, village, deprived, welfare card holders, income/person (under 100,000 = vulnerable), national id
const H = {
  h1: ['910101010001', '91010101', bit(STABLE_HOUSE), 1, 150000, withCheck('110170020001')],               // score 3, card
  h2: ['910101010002', '91010101', bit(STABLE_HOUSE, DRINKING_WATER), 0, 150000, withCheck('110170020002')], // score 6
  h3: ['910101020003', '91010102', bit(INCOME_THRESHOLD), 0, 20000, withCheck('110170020003')],             // vulnerable
  h4: ['910101020004', '91010102', 0, 1, 150000, withCheck('110170020004')],                                // no target
  h5: ['910101020005', '91010102', bit(STABLE_HOUSE), 0, 150000, withCheck('110170020005')],               // score 3
} as const;

const MENU_HEADER = 'code,agency,title_th,title_en,dimension,indicators,target_groups,stage,age_min,age_max,welfare_card_required,area_codes,capacity_per_year';
// Expected matches (addresses a failed indicator, fits groups, card and coverage):
//   FIX-HOUSE (A, stable_house, card required, cap 10): h1 only (the only card holder failing it) → allocated
//   WATER (A, any living indicator, village 91010101, cap 1): h1, h2; neediest first: h2 (6) > h1 (3) → h2 allocated
//   JOBS (B, income_threshold, group 2 only, cap 5): h3 (vulnerable) → allocated
//   EDU (B, any education indicator, cap 5): nobody fails one
//   HOUSE-ZERO (A, stable_house, cap 0): h1, h2, h5, none allocated
// Targets h1, h2, h3, h5; matched all four; served h1, h2, h3; unmet h5.
const MENU_LINES = [
  'FIX-HOUSE,Agency A,ซ่อมบ้าน,Home repair,living,stable_house,1,survive,,,1,,10',
  'WATER,Agency A,น้ำสะอาด,Clean water,living,,1,sufficiency,,,0,91010101,1',
  'JOBS,Agency B,อาชีพ,Jobs,income,income_threshold,2,sustainable,15,59,0,,5',
  'EDU,Agency B,การศึกษา,Schooling,education,,1;2,sufficiency,,,0,91,5',
  'HOUSE-ZERO,Agency A,บ้านมั่นคง,Secure housing,living,stable_house,1,sustainable,,,0,,0',
  'BAD-IND,Agency A,ผิด,Wrong,living,income_threshold,1,survive,,,0,,5',       // line 7: indicator of another dimension
  'BAD-AREA,Agency A,ผิด,Wrong,living,,1,survive,,,0,99,5',                    // line 8: no area 99
  'BAD-AGE,Agency A,ผิด,Wrong,living,,1,survive,60,15,0,,5',                   // line 9: age_max below age_min
  'FIX-HOUSE,Agency A,ซ้ำ,Again,living,,1,survive,,,0,,5',                     // line 10: repeats line 2's code
];

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let db: Db;
let admin: Record<string, string>;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_menu_loop');
  db = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
  for (const [house, village, deprived, cards, income, id] of Object.values(H)) {
    await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                         members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                         head_name, national_id)
                  values (2024, ?, ?, '910101', '9101', '91', null, 3, ?, ?, 0, false, ?, 'นายทดสอบ เมนู', ?)`,
      [house, village, deprived, income, cards, id]);
    // each household is one person, its head (aged 40, so inside JOBS's age band 15-59), holding the card when the household does
    await db('person').insert({
      survey_year: 2024, house_code: house, person_no: 1, village_code: village, subdistrict_code: '910101', district_code: '9101',
      province_code: '91', national_id: id, age: 40, sex: 'f', relation_to_head: 'head', disabled: false, in_education: false,
      employed: true, literate: true, welfare_card: cards > 0, needs_daily_care: false, receives_care: null,
    });
  }
  // the household rollups are tables refreshed on their own (migration 014), the others by rollups.sql
  await db.raw('select povmap.refresh_household_rollups()');
  await refreshDisclosure(db, 'refresh/rollups.sql');
  app = await testApp(scratch.url);
  ({ headers: admin } = await userWithToken(app, 'menuloop', 'admin'));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await scratch?.drop();
});

const importFile = (kind: 'menu' | 'results' | 'registry', text: string) => importCsvText(app, admin, kind, text);

const csvRows = (body: Buffer) => parse(body, { bom: true, columns: true }) as Array<Record<string, string>>;

let batchId = 0;

describe('menu → match → hand-off → results → progress, in one loop', () => {
  it('imports the menu CSV, rejecting each bad line with its reason', async () => {
    const { job, rejects } = await importFile('menu', [MENU_HEADER, ...MENU_LINES].join('\n'));
    expect(job).toMatchObject({ state: 'done', rows_read: 9, rows_valid: 5, rows_rejected: 4, inserted: 5 });
    expect(rejects.map((r) => [r.line, r.column])).toEqual([[7, 'indicators'], [8, 'area_codes'], [9, 'age_max'], [10, 'code']]);
    expect(rejects[0].reason).toMatch(/income_threshold.*not an indicator of dimension "living"/);
    const menu = await app.inject({ url: '/api/menu' }); // public
    expect(menu.statusCode).toBe(200);
    expect(menu.json().items.map((i: { code: string }) => i.code)).toEqual(['EDU', 'FIX-HOUSE', 'HOUSE-ZERO', 'JOBS', 'WATER']);
    const again = await importFile('menu', [MENU_HEADER, ...MENU_LINES.slice(0, 5)].join('\n'));
    expect(again.job).toMatchObject({ state: 'done', inserted: 0, updated: 0, unchanged: 5 });
  });

  it('matches each household to the items worked out by hand', async () => {
    const { headers } = await userWithToken(app, 'menuloop', 'analyst', ['9101']);
    const expected: Record<string, Array<[string, boolean]>> = {
      [H.h1[0]]: [['FIX-HOUSE', true], ['HOUSE-ZERO', false], ['WATER', false]],
      [H.h2[0]]: [['HOUSE-ZERO', false], ['WATER', true]],
      [H.h3[0]]: [['JOBS', true]],
      [H.h4[0]]: [],
      [H.h5[0]]: [['HOUSE-ZERO', false]],
    };
    for (const [house, items] of Object.entries(expected)) {
      const r = await app.inject({ url: `/api/households/2024/${house}/matches`, headers });
      expect(r.statusCode, r.body).toBe(200);
      const got = r.json().items.map((i: { item: { code: string }; allocated: boolean }) => [i.item.code, i.allocated]).sort();
      expect(got, house).toEqual(items);
    }
    const needs = await app.inject({ url: '/api/areas/910101/menu-needs?year=2024', headers });
    expect(needs.statusCode, needs.body).toBe(200);
    expect(needs.json()).toMatchObject({ target_households: 4, matched_households: 4, served_households: 3, unmet_households: 1 });
    const perItem = Object.fromEntries(needs.json().items.map((i: { code: string; needs: number; allocated: number }) => [i.code, [i.needs, i.allocated]]));
    expect(perItem).toEqual({ 'FIX-HOUSE': [1, 1], 'HOUSE-ZERO': [3, 0], JOBS: [1, 1], WATER: [2, 1] });
    const village = await app.inject({ url: '/api/areas/91010102/menu-needs?year=2024', headers });
    expect(village.json()).toMatchObject({ target_households: 2, served_households: 1, unmet_households: 1 });
  });

  it('publishes the unmet need only through the disclosure policy', async () => {
    // every area here has 1-4 targets: the unmet need is a count of 1-4 or rests on one
    const { rows } = await db.raw(`select code, metrics from tile_area_metrics where survey_year = 2024 order by code`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.metrics === null) continue; // suppressed whole
      expect(r.metrics.menu_unmet, r.code).toBeUndefined();
      expect(r.metrics.menu_unmet_share, r.code).toBeUndefined();
    }
    const ranking = await app.inject({ url: '/api/choropleth/ranking?level=village&parent=91&year=2024&measure=menu_unmet_share' });
    expect(ranking.statusCode, ranking.body).toBe(200);
    // withheld values are left out of a ranking (or null): no number may show
    expect(ranking.json().items.filter((i: { value: unknown }) => typeof i.value === 'number')).toEqual([]);
  });

  it('hands Agency A its served targets in district 9101 as CSV, masked without the PII grant, audited', async () => {
    const { headers, user } = await userWithToken(app, 'menuloop', 'analyst', ['9101']);
    const r = await app.inject({ method: 'POST', url: '/api/handoffs', headers, payload: { agency: 'Agency A', area_code: '9101', year: 2024 } });
    expect(r.statusCode, r.body).toBe(201);
    batchId = r.json().id;
    // served rows of Agency A: h1 FIX-HOUSE, h2 WATER
    expect(r.json()).toMatchObject({ agency: 'Agency A', row_count: 2, handed_off: 2, acted_on: 0, outstanding: 2, username: user.username });
    const csv = await app.inject({ url: `/api/handoffs/${batchId}/targets.csv`, headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(csv.rawPayload);
    expect(rows.map((x) => [x.house_code, x.menu_item, x.failed_indicators])).toEqual([
      [H.h1[0], 'FIX-HOUSE', 'stable_house'], [H.h2[0], 'WATER', 'stable_house;drinking_water'],
    ]);
    for (const x of rows) {
      expect(x.national_id).toBe('X-XXXX-XXXXX-XX-X');
      expect(x.head_name).toBe('•••');
    }
    const { headers: piiHeaders } = await userWithToken(app, 'menuloop', 'analyst', ['91'], true);
    const exact = csvRows((await app.inject({ url: `/api/handoffs/${batchId}/targets.csv`, headers: piiHeaders })).rawPayload);
    expect(exact.map((x) => x.national_id)).toEqual([H.h1[5], H.h2[5]]);
    // the CSV's audit is written once it has been sent: wait for it (at most 10 s)
    const audited = () => db('audit_log').where({ user_id: user.id }).orderBy('id').select('action', 'row_count', 'pii');
    for (let i = 0; i < 100 && (await audited()).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const audit = (await audited()).map((a) => ({ ...a, row_count: Number(a.row_count) }));
    expect(audit).toEqual([{ action: 'handoff.create', row_count: 2, pii: false }, { action: 'handoff.csv', row_count: 2, pii: false }]);
    const all = await app.inject({ method: 'POST', url: '/api/handoffs', headers, payload: { agency: 'Agency A', area_code: '9101', year: 2024, allocated_only: false } });
    expect(all.json().row_count).toBe(6); // h1 ×3, h2 ×2, h5 ×1
  });

  it('takes the agency\'s filled-in file back, rejecting what does not belong to the batch', async () => {
    const csv = csvRows((await app.inject({ url: `/api/handoffs/${batchId}/targets.csv`, headers: admin })).rawPayload);
    const header = Object.keys(csv[0]);
    const line = (x: Record<string, string>) => header.map((k) => x[k]).join(',');
    const [r1, r2] = csv;
    const lines = [
      line({ ...r1, stage: 'survive', status: 'done', done_on: '2024-05-01' }),                      // 2: good
      line({ ...r1, stage: 'sufficiency', status: 'in_progress', done_on: '2024-06-01' }),           // 3: good
      line({ ...r2, stage: 'survive', status: 'planned', done_on: '2024-05-02' }),                   // 4: good
      line({ ...r2, batch_id: '999999', stage: 'survive', status: 'done', done_on: '2024-05-03' }),   // 5: unknown batch
      line({ ...r2, house_code: H.h5[0], stage: 'survive', status: 'done', done_on: '2024-05-03' }), // 6: household not in batch
      line({ ...r2, stage: 'rescue', status: 'done', done_on: '2024-05-03' }),                       // 7: bad stage
      line({ ...r1, menu_item: 'WATER', stage: 'survive', status: 'done', done_on: '2024-05-03' }),  // 8: item not handed off for h1
      line({ ...r1, stage: 'survive', status: 'done', done_on: '2024-05-01' }),                      // 9: repeats line 2
    ];
    const { job, rejects } = await importFile('results', [header.join(','), ...lines].join('\n'));
    expect(job).toMatchObject({ state: 'done', rows_read: 8, rows_valid: 3, rows_rejected: 5, inserted: 3 });
    expect(rejects.map((r) => [r.line, r.column])).toEqual([[5, 'batch_id'], [6, 'house_code'], [7, 'stage'], [8, 'menu_item'], [9, '']]);
    expect(rejects[0].reason).toMatch(/no hand-off batch/);
    expect(rejects[1].reason).toMatch(/not a household of batch/);
  });

  it('reports progress equal to a direct count over the raw rows', async () => {
    // direct counts, written here over the raw tables
    const log = (await db('assistance_log').select('survey_year', 'house_code', 'stage', 'status', 'handoff_batch_id', 'menu_item_id', 'agency', 'dimension'))
      .map((l) => ({ ...l, handoff_batch_id: l.handoff_batch_id === null ? null : Number(l.handoff_batch_id) }));
    const targets = (await db('handoff_target').where({ batch_id: batchId })).map((t) => `${t.house_code}/${t.menu_item_id}`);
    const actedOn = new Set(log.filter((l) => l.handoff_batch_id === batchId).map((l) => `${l.house_code}/${l.menu_item_id}`));
    const doneRows = new Set(log.filter((l) => l.handoff_batch_id === batchId && l.status === 'done').map((l) => `${l.house_code}/${l.menu_item_id}`));
    expect(log.every((l) => l.agency === 'Agency A' && l.dimension === 'living')).toBe(true);
    const batch = (await app.inject({ url: `/api/handoffs/${batchId}`, headers: admin })).json();
    expect(batch).toMatchObject({
      handed_off: targets.length, acted_on: targets.filter((t) => actedOn.has(t)).length,
      done: targets.filter((t) => doneRows.has(t)).length, outstanding: targets.filter((t) => !actedOn.has(t)).length,
    });
    expect(batch).toMatchObject({ handed_off: 2, acted_on: 2, done: 1, outstanding: 0 });

    const households = await db('household').where({ survey_year: 2024 }).whereNot({ deprived: 0 }).pluck('house_code');
    const handed = new Set((await db('handoff_target')).map((t) => t.house_code));
    const doneAt = (stage: string) => households.filter((h) => log.some((l) => l.house_code === h && l.stage === stage && l.status === 'done')).length;
    const progress = (await app.inject({ url: '/api/areas/91/stage-progress?year=2024', headers: admin })).json();
    expect(progress).toEqual({
      code: '91', level: 'province', year: 2024, target_households: households.length,
      handed_off: households.filter((h) => handed.has(h)).length,
      acted_on: households.filter((h) => log.some((l) => l.house_code === h)).length,
      stages: { survive: doneAt('survive'), sufficiency: doneAt('sufficiency'), sustainable: doneAt('sustainable') },
    });
    // the logbook's own progress (the rollup the tiles read was refreshed by the import)
    const assistance = (await app.inject({ url: '/api/areas/91/assistance?year=2024', headers: admin })).json();
    expect(assistance.helped_households).toBe(households.filter((h) => log.some((l) => l.house_code === h && l.status === 'done')).length);
    const { rows: [rollup] } = await db.raw(`select helped_households from area_assistance where code = '91' and survey_year = 2024`);
    expect(rollup.helped_households).toBe(assistance.helped_households);
    const agencyView = (await app.inject({ url: '/api/handoffs?agency=Agency%20A', headers: admin })).json();
    expect(agencyView.items.map((b: { id: number }) => b.id)).toContain(batchId);
  });
});

describe('registry linkage', () => {
  it('links by keyed hash and reports each reason for a non-link', async () => {
    const bad = H.h3[5].slice(0, 12) + String((Number(H.h3[5][12]) + 1) % 10); // wrong check digit
    const stranger = withCheck('350990012345');
    const lines = [
      'registry,record_id,national_id,area_code,problem,survey_year',
      `thaiqm,r1,${H.h1[5]},,stable_house,2022`,   // 2: linked to h1
      `thaiqm,r2,${H.h2[5]},9101,,2022`,            // 3: linked to h2
      `thaiqm,r3,${H.h2[5]},,,2022`,                // 4: duplicate of line 3
      `thaiqm,r4,${stranger},91,income,2022`,       // 5: valid, in no survey: exclusion-error candidate
      `thaiqm,r5,${bad},,,2022`,                    // 6: bad check digit
      'thaiqm,r6,,910101,water,2022',               // 7: area only
      'thaiqm,r7,123456789012,,,2022',              // 8: rejected, 12 digits
      'thaiqm,r8,,,,2022',                          // 9: rejected, neither id nor area
      `thaiqm,r9,${stranger},99,,2022`,             // 10: rejected, no area 99
    ];
    const { job, rejects } = await importFile('registry', lines.join('\n'));
    expect(job).toMatchObject({ state: 'done', rows_read: 9, rows_valid: 6, rows_rejected: 3 });
    expect(rejects.map((r) => [r.line, r.column])).toEqual([[8, 'national_id'], [9, 'national_id'], [10, 'area_code']]);
    const records = await db('registry_record').where({ job_id: job.id }).orderBy('line').select('line', 'status', 'house_code', 'id_hash');
    expect(records.map((r) => [r.line, r.status, r.house_code])).toEqual([
      [2, 'linked', H.h1[0]], [3, 'linked', H.h2[0]], [4, 'duplicate', null], [5, 'no_match', null], [6, 'bad_check_digit', null], [7, 'area_only', null],
    ]);
    // stored only as HMAC-SHA256 with the server secret: computed here with node:crypto
    expect(records[0].id_hash).toEqual(crypto.createHmac('sha256', SECRET).update(H.h1[5]).digest());
    const { rows: clear } = await db.raw(`select count(*)::int as n from registry_record r where r::text like '%' || ? || '%'`, [H.h1[5]]);
    expect(clear[0].n).toBe(0);
    const report = await app.inject({ url: `/api/registry/${job.id}`, headers: admin });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({
      records: 6, with_national_id: 5, linked: 2, link_rate: 2 / 5, area_only: 1, rejected: 3,
      not_linked: { no_match: 1, bad_check_digit: 1, duplicate: 1 },
      provinces: [{ province_code: '91', linked: 2, exclusion_candidates: 1, area_only: 1 }],
    });
    const { headers: analyst } = await userWithToken(app, 'menuloop', 'analyst', ['91']);
    expect((await app.inject({ url: `/api/registry/${job.id}`, headers: analyst })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/registry/999999', headers: admin })).statusCode).toBe(404);
  });
});

describe('bad inputs are 4xx naming the parameter', () => {
  const item = { code: 'NEW-1', agency: 'Agency C', title_th: 'ใหม่', title_en: 'New', dimension: 'health', indicators: ['exercise'], stage: 'survive', capacity_per_year: 3 };

  it('menu writes', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/menu', headers: admin, payload: item });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const [payload, parameter, status] of [
      [{ ...item, code: 'NEW-2', dimension: 'wealth' }, 'dimension', 400],
      [{ ...item, code: 'NEW-2', indicators: ['stable_house'] }, 'indicators', 400],
      [{ ...item, code: 'NEW-2', area_codes: ['99'] }, 'area_codes', 400],
      [{ ...item, code: 'NEW-2', age_min: 60, age_max: 15 }, 'age_max', 400],
      [{ ...item, code: 'NEW-2', capacity_per_year: -1 }, 'capacity_per_year', 400],
      [{ ...item, code: 'bad code!' }, 'code', 400],
      [{ ...item, code: 'FIX-HOUSE' }, 'code', 409],
    ] as const) {
      const r = await app.inject({ method: 'POST', url: '/api/menu', headers: admin, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(r.json().parameter).toBe(parameter);
    }
    const { headers: analyst } = await userWithToken(app, 'menuloop', 'analyst', ['91']);
    expect((await app.inject({ method: 'POST', url: '/api/menu', headers: analyst, payload: { ...item, code: 'NEW-3' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/menu', payload: { ...item, code: 'NEW-3' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: '/api/menu/999999', headers: admin, payload: item })).statusCode).toBe(404);
    const updated = await app.inject({ method: 'PUT', url: `/api/menu/${id}`, headers: admin, payload: { ...item, capacity_per_year: 7 } });
    expect(updated.json().capacity_per_year).toBe(7);
    expect((await app.inject({ method: 'DELETE', url: `/api/menu/${id}`, headers: admin })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/menu/${id}` })).statusCode).toBe(404);
    await app.imports.idle();
  });

  it('hand-offs, matches, needs and progress', async () => {
    const { headers: analyst } = await userWithToken(app, 'menuloop', 'analyst', ['91010101']);
    const post = (payload: object, headers = analyst) => app.inject({ method: 'POST', url: '/api/handoffs', headers, payload });
    let r = await post({ agency: 'Nobody', area_code: '91010101' });
    expect([r.statusCode, r.json().parameter]).toEqual([400, 'agency']);
    r = await post({ agency: 'Agency A', area_code: '91010101', items: ['JOBS'] });
    expect([r.statusCode, r.json().parameter]).toEqual([400, 'items']);
    r = await post({ agency: 'Agency A', area_code: '9x' });
    expect([r.statusCode, r.json().parameter]).toEqual([400, 'area_code']);
    expect((await post({ agency: 'Agency A', area_code: '91010102' })).statusCode).toBe(403);
    expect((await post({ agency: 'Agency A', area_code: '92' })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/handoffs/${batchId}`, headers: analyst })).statusCode).toBe(403); // batch of district 9101
    expect((await app.inject({ url: `/api/handoffs/${batchId}/targets.csv`, headers: analyst })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/handoffs/999999', headers: admin })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/handoffs/${batchId}/targets.csv` })).statusCode).toBe(401);
    expect((await app.inject({ url: `/api/households/2024/${H.h3[0]}/matches`, headers: analyst })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/households/2024/123/matches', headers: analyst })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/areas/910101/menu-needs', headers: analyst })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/areas/91/stage-progress' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/areas/91/stage-progress?year=1990', headers: admin })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/menu?stage=rescue' })).statusCode).toBe(400);
  });
});
