/**
 * Matching, hand-off and registry linkage at person level (issue 21) on a hand-made fixture in a
 * scratch database: households whose members differ in age and welfare card, and menu items with
 * age bands, card rules, target groups and coverage. Every expected match, count and CSV row is
 * computed in this file from the fixture's own rows (the eligibility rules written out again below,
 * not the production SQL), and the hand-checked outcome is spelled out in the comments.
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

const SECRET = 'person-matching-test-secret-0123456789abcdef';
process.env.POVMAP_ID_SECRET = SECRET;

// indicator numbers (server/mpi/indicators.ts) and their weights × 60
const COMPULSORY_SCHOOL = 10; // education, 3
const WORK_15_59 = 13;        // income, 4
const ELDERLY_CARE = 16;      // access, 6
const bit = (...ns: number[]) => ns.reduce((m, n) => m | (1 << (n - 1)), 0);

interface House { house: string; village: string; deprived: number; cards: number; score: number }
// income per person 150,000 for all: nobody is vulnerable (target group 2)
const HOUSES: House[] = [
  { house: '910101010101', village: '91010101', deprived: bit(COMPULSORY_SCHOOL, WORK_15_59), cards: 1, score: 3 + 4 },
  { house: '910101010102', village: '91010101', deprived: bit(COMPULSORY_SCHOOL, ELDERLY_CARE), cards: 2, score: 3 + 6 },
  { house: '910101020103', village: '91010102', deprived: bit(WORK_15_59), cards: 0, score: 4 },
  { house: '910101020104', village: '91010102', deprived: 0, cards: 1, score: 0 },                    // no target (group 3)
];
const [P1, P2, P3, P4] = HOUSES.map((h) => h.house);

interface Person { house: string; no: number; age: number; card: boolean; relation: string; id: string }
const person = (house: string, no: number, age: number, card: boolean, relation: string, serial: string): Person =>
  ({ house, no, age, card, relation, id: withCheck(`31017002${serial}`) });
const PERSONS: Person[] = [
  person(P1, 1, 45, true, 'head', '0011'), person(P1, 2, 42, false, 'spouse', '0012'),
  person(P1, 3, 9, false, 'child', '0013'), person(P1, 4, 12, false, 'child', '0014'),
  person(P2, 1, 70, true, 'head', '0021'), person(P2, 2, 68, true, 'spouse', '0022'), person(P2, 3, 8, false, 'grandchild', '0023'),
  person(P3, 1, 30, false, 'head', '0031'), person(P3, 2, 2, false, 'child', '0032'),
  person(P4, 1, 50, true, 'head', '0041'),
];

interface Item {
  code: string; agency: string; dimension: string; indicators: string[];
  /** The indicator numbers the item addresses (its indicators, or all of its dimension), written out. */
  bits: number; groups: number[]; age_min: number | null; age_max: number | null; card: boolean; areas: string[]; capacity: number;
}
const item = (code: string, agency: string, dimension: string, indicators: string[], bits: number, rest: Partial<Item>): Item =>
  ({ code, agency, dimension, indicators, bits, groups: [1], age_min: null, age_max: null, card: false, areas: [], capacity: 10, ...rest });
// Hand-checked matches (people as house#person):
//   SCHOOL    6-14, cap 10:                P1#3, P1#4, P2#3, all served
//   ELDER     60+, card required:          P2#1, P2#2
//   TODDLER   0-5, any education:          nobody (P3#2 is 2 but P3 fails no education indicator)
//   JOBS      15-59, cap 2:                P1#1, P1#2 (score 7) served; P3#1 (score 4) past the capacity
//   CARDJOBS  15-59, card, any income:     P1#1 only (P1#2 and P3#1 hold no card)
//   LOCALWORK 15-59, village 91010101:     P1#1, P1#2
//   VULN      group 2 only:                nobody
// Targets P1, P2, P3 all matched; served P1 and P2; P3 unmet.
const ITEMS: Item[] = [
  item('SCHOOL', 'Agency S', 'education', ['compulsory_school'], bit(COMPULSORY_SCHOOL), { age_min: 6, age_max: 14 }),
  item('ELDER', 'Agency S', 'access', ['elderly_care'], bit(ELDERLY_CARE), { age_min: 60, card: true, capacity: 5 }),
  item('TODDLER', 'Agency S', 'education', [], bit(9, 10, 11, 12), { age_max: 5 }),
  item('JOBS', 'Agency W', 'income', ['work_15_59'], bit(WORK_15_59), { age_min: 15, age_max: 59, capacity: 2 }),
  item('CARDJOBS', 'Agency W', 'income', [], bit(13, 14, 15), { age_min: 15, age_max: 59, card: true }),
  item('LOCALWORK', 'Agency W', 'income', ['work_15_59'], bit(WORK_15_59), { age_min: 15, age_max: 59, areas: ['91010101'] }),
  item('VULN', 'Agency W', 'income', [], bit(13, 14, 15), { groups: [2] }),
];

/** A person matched to an item, their place in the item's queue (1: first) and whether its capacity reaches them. */
interface Match { house: string; no: number; code: string; place: number; allocated: boolean }

/** The matches, by the rules of issue 21 written out here over the fixture's rows. */
function expectedMatches(): Match[] {
  const houses = new Map(HOUSES.map((h) => [h.house, h]));
  const out: Match[] = [];
  for (const i of ITEMS) {
    const matched = PERSONS.filter((p) => {
      const h = houses.get(p.house)!;
      const groups = [h.deprived !== 0 ? 1 : 0, h.deprived === 0 && h.cards > 0 ? 3 : 0]; // nobody is vulnerable (2)
      return h.deprived !== 0 && (h.deprived & i.bits) !== 0 && i.groups.some((g) => groups.includes(g))
        && (!i.card || p.card) && (i.age_min === null || p.age >= i.age_min) && (i.age_max === null || p.age <= i.age_max)
        && (i.areas.length === 0 || i.areas.some((a) => h.village.startsWith(a)));
    }).sort((a, b) => houses.get(b.house)!.score - houses.get(a.house)!.score || a.house.localeCompare(b.house) || a.no - b.no);
    matched.forEach((p, rank) => out.push({ house: p.house, no: p.no, code: i.code, place: rank + 1, allocated: rank < i.capacity }));
  }
  return out;
}

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let db: Db;
let admin: Record<string, string>;
let analyst: Record<string, string>;
const MATCHES = expectedMatches();

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_person_matching');
  db = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
  for (const h of HOUSES) {
    await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code, geom,
                                         members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                         head_name, national_id)
                  values (2024, ?, ?, '910101', '9101', '91', null, ?, ?, 150000, 0, false, ?, 'นางทดสอบ บุคคล', ?)`,
      [h.house, h.village, PERSONS.filter((p) => p.house === h.house).length, h.deprived, h.cards, PERSONS.find((p) => p.house === h.house && p.no === 1)!.id]);
  }
  await db('person').insert(PERSONS.map((p) => ({
    survey_year: 2024, house_code: p.house, person_no: p.no, village_code: p.house.slice(0, 8), subdistrict_code: '910101', district_code: '9101',
    province_code: '91', national_id: p.id, age: p.age, sex: p.no % 2 ? 'f' : 'm', relation_to_head: p.relation, disabled: false,
    in_education: p.age >= 6 && p.age <= 14, employed: p.age >= 15, literate: p.age >= 8, welfare_card: p.card, needs_daily_care: false, receives_care: null,
  })));
  await db('menu_item').insert(ITEMS.map((i) => ({
    code: i.code, agency: i.agency, title_th: `มาตรการ ${i.code}`, title_en: `Measure ${i.code}`, dimension: i.dimension, indicators: i.indicators,
    target_groups: i.groups, stage: 'survive', age_min: i.age_min, age_max: i.age_max, welfare_card_required: i.card, area_codes: i.areas,
    capacity_per_year: i.capacity,
  })));
  // the household rollups are tables refreshed on their own (migration 014), the others by rollups.sql
  await db.raw('select povmap.refresh_household_rollups()');
  await refreshDisclosure(db, 'refresh/rollups.sql');
  app = await testApp(scratch.url);
  ({ headers: admin } = await userWithToken(app, 'personmatch', 'admin'));
  ({ headers: analyst } = await userWithToken(app, 'personmatch', 'analyst', ['9101']));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await scratch?.drop();
});

const csvRows = (body: Buffer) => parse(body, { bom: true, columns: true }) as Array<Record<string, string>>;
const inArea = (house: string, code: string) => house.startsWith(code);

describe('matching applies each item\'s eligibility to each person', () => {
  it('the fixture\'s own computation is the hand-checked one', () => {
    const key = (m: Match) => `${m.code} ${m.place}: ${m.house.slice(-3)}#${m.no}${m.allocated ? '' : ' (over capacity)'}`;
    // SCHOOL: 102 (score 9) before 101 (7); JOBS: 101 (7) before 103 (4)
    expect(MATCHES.map(key).sort()).toEqual([
      'CARDJOBS 1: 101#1', 'ELDER 1: 102#1', 'ELDER 2: 102#2', 'JOBS 1: 101#1', 'JOBS 2: 101#2', 'JOBS 3: 103#1 (over capacity)',
      'LOCALWORK 1: 101#1', 'LOCALWORK 2: 101#2', 'SCHOOL 1: 102#3', 'SCHOOL 2: 101#3', 'SCHOOL 3: 101#4',
    ]);
  });

  it('lists each household\'s matches per member, with their place in each item\'s queue', async () => {
    for (const h of HOUSES) {
      const r = await app.inject({ url: `/api/households/2024/${h.house}/matches`, headers: analyst });
      expect(r.statusCode, r.body).toBe(200);
      const got = r.json().items.map((i: { person_no: number; item: { code: string }; priority: number; allocated: boolean }) =>
        `${i.person_no} ${i.item.code} ${i.priority} ${i.allocated}`).sort();
      expect(got, h.house).toEqual(MATCHES.filter((m) => m.house === h.house).map((m) => `${m.no} ${m.code} ${m.place} ${m.allocated}`).sort());
    }
  });

  it('counts each area\'s needs in people and households, equal to the direct count', async () => {
    for (const code of ['91', '9101', '910101', '91010101', '91010102']) {
      const r = await app.inject({ url: `/api/areas/${code}/menu-needs?year=2024`, headers: code === '91' ? admin : analyst }); // the analyst's grant is 9101
      expect(r.statusCode, r.body).toBe(200);
      const here = MATCHES.filter((m) => inArea(m.house, code));
      const targets = HOUSES.filter((h) => h.deprived !== 0 && inArea(h.house, code)).map((h) => h.house);
      const served = targets.filter((h) => here.some((m) => m.house === h && m.allocated));
      expect(r.json(), code).toMatchObject({
        target_households: targets.length,
        matched_households: targets.filter((h) => here.some((m) => m.house === h)).length,
        served_households: served.length, unmet_households: targets.length - served.length,
      });
      const perItem = Object.fromEntries(r.json().items.map((i: Record<string, number> & { code: string }) =>
        [i.code, [i.needs, i.allocated, i.needs_households, i.allocated_households]]));
      const expected = Object.fromEntries([...new Set(here.map((m) => m.code))].map((c) => {
        const ms = here.filter((m) => m.code === c);
        const households = (xs: Match[]) => new Set(xs.map((m) => m.house)).size;
        return [c, [ms.length, ms.filter((m) => m.allocated).length, households(ms), households(ms.filter((m) => m.allocated))]];
      }));
      expect(perItem, code).toEqual(expected);
    }
  });
});

describe('hand-off per person and per household', () => {
  let personBatch = 0;

  it('hands Agency S its served people, one CSV row each with the person\'s own id and age', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/handoffs', headers: analyst, payload: { agency: 'Agency S', area_code: '9101', year: 2024, unit: 'person' } });
    expect(r.statusCode, r.body).toBe(201);
    personBatch = r.json().id;
    const expected = MATCHES.filter((m) => ['SCHOOL', 'ELDER', 'TODDLER'].includes(m.code) && m.allocated);
    expect(r.json()).toMatchObject({ unit: 'person', row_count: expected.length, handed_off: expected.length, outstanding: expected.length });
    const { headers: pii } = await userWithToken(app, 'personmatch', 'analyst', ['91'], true);
    const csv = await app.inject({ url: `/api/handoffs/${personBatch}/targets.csv`, headers: pii });
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(csv.rawPayload);
    const byKey = new Map(PERSONS.map((p) => [`${p.house}#${p.no}`, p]));
    expect(rows.map((x) => [x.house_code, Number(x.person_no), x.menu_item, x.national_id, Number(x.age), x.relation_to_head]).sort()).toEqual(
      expected.map((m) => { const p = byKey.get(`${m.house}#${m.no}`)!; return [m.house, m.no, m.code, p.id, p.age, p.relation]; }).sort());
    const masked = csvRows((await app.inject({ url: `/api/handoffs/${personBatch}/targets.csv`, headers: analyst })).rawPayload);
    expect(new Set(masked.map((x) => x.national_id))).toEqual(new Set(['X-XXXX-XXXXX-XX-X']));
  });

  it('hands Agency S the same per household: one row per household and item, addressed to the head', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/handoffs', headers: analyst, payload: { agency: 'Agency S', area_code: '9101', year: 2024, unit: 'household' } });
    expect(r.statusCode, r.body).toBe(201);
    const expected = [...new Set(MATCHES.filter((m) => ['SCHOOL', 'ELDER', 'TODDLER'].includes(m.code) && m.allocated).map((m) => `${m.house} ${m.code}`))];
    expect(r.json()).toMatchObject({ unit: 'household', row_count: expected.length });
    const { headers: pii } = await userWithToken(app, 'personmatch', 'analyst', ['91'], true);
    const rows = csvRows((await app.inject({ url: `/api/handoffs/${r.json().id}/targets.csv`, headers: pii })).rawPayload);
    expect(rows.map((x) => `${x.house_code} ${x.menu_item}`).sort()).toEqual(expected.sort());
    const heads = new Map(PERSONS.filter((p) => p.no === 1).map((p) => [p.house, p.id]));
    for (const x of rows) expect([x.person_no, x.national_id, x.relation_to_head]).toEqual(['1', heads.get(x.house_code), 'head']);
  });

  it('hands Agency W every match per person, over capacity too, inside the area asked', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/handoffs', headers: analyst, payload: { agency: 'Agency W', area_code: '91010102', year: 2024, unit: 'person', allocated_only: false } });
    expect(r.statusCode, r.body).toBe(201);
    const expected = MATCHES.filter((m) => ['JOBS', 'CARDJOBS', 'LOCALWORK', 'VULN'].includes(m.code) && inArea(m.house, '91010102'));
    expect(expected.length).toBe(1); // P3#1 for JOBS, over capacity
    expect(r.json().row_count).toBe(expected.length);
  });

  it('takes results back per person: two children of one household are two logbook entries', async () => {
    const csv = csvRows((await app.inject({ url: `/api/handoffs/${personBatch}/targets.csv`, headers: admin })).rawPayload);
    const header = Object.keys(csv[0]);
    const line = (x: Record<string, string>) => header.map((k) => x[k]).join(',');
    const child = (no: number) => csv.find((x) => x.house_code === P1 && x.person_no === String(no) && x.menu_item === 'SCHOOL')!;
    const lines = [
      line({ ...child(3), stage: 'survive', status: 'done', done_on: '2024-05-01' }),       // 2: good
      line({ ...child(4), stage: 'survive', status: 'done', done_on: '2024-05-01' }),       // 3: good, same day, another child
      line({ ...child(4), person_no: '2', stage: 'survive', status: 'done', done_on: '2024-05-01' }), // 4: P1#2 was not handed SCHOOL
    ];
    const { job, rejects } = await importCsvText(app, admin, 'results', [header.join(','), ...lines].join('\n'));
    expect(rejects.map((x) => [x.line, x.column])).toEqual([[4, 'menu_item']]);
    expect(job).toMatchObject({ state: 'done', rows_valid: 2, inserted: 2 });
    const log = await db('assistance_log').where({ handoff_batch_id: personBatch }).select('house_code', 'person_no', 'status');
    const targets = await db('handoff_target').where({ batch_id: personBatch }).select('house_code', 'person_no', 'menu_item_id');
    const acted = targets.filter((t) => log.some((l) => l.house_code === t.house_code && l.person_no === t.person_no)).length;
    const batch = (await app.inject({ url: `/api/handoffs/${personBatch}`, headers: analyst })).json();
    expect(batch).toMatchObject({ handed_off: targets.length, acted_on: acted, done: acted, outstanding: targets.length - acted });
    expect(acted).toBe(2);
  });

  it('refuses a unit that is neither person nor household', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/handoffs', headers: analyst, payload: { agency: 'Agency S', area_code: '9101', unit: 'family' } });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.body).toMatch(/unit/);
  });
});

describe('registry linkage per person', () => {
  it('links a member who is not a head to that member, and counts each person in no survey once', async () => {
    const child = PERSONS.find((p) => p.house === P1 && p.no === 3)!;
    const grandmother = PERSONS.find((p) => p.house === P2 && p.no === 2)!;
    const strangers = [withCheck('350990012345'), withCheck('350990012346')];
    const ids = [child.id, grandmother.id, strangers[0], strangers[1], strangers[0]];
    const lines = ['survey_year,registry,record_id,national_id,area_code,problem', ...ids.map((id, n) => `2024,thaiqm,r${n + 1},${id},91,`)];
    const { job, rejects } = await importCsvText(app, admin, 'registry', lines.join('\n'));
    expect(rejects).toEqual([]);
    const records = await db('registry_record').where({ job_id: job.id }).orderBy('line').select('status', 'house_code', 'person_no', 'id_hash');
    const surveyed = new Map(PERSONS.map((p) => [p.id, p]));
    const seen = new Set<string>();
    const expected = ids.map((id) => {
      const first = !seen.has(id);
      seen.add(id);
      const p = surveyed.get(id);
      if (!first) return ['duplicate', null, null];
      return p ? ['linked', p.house, p.no] : ['no_match', null, null];
    });
    expect(records.map((r) => [r.status, r.house_code, r.person_no])).toEqual(expected);
    expect(records[0].id_hash).toEqual(crypto.createHmac('sha256', SECRET).update(child.id).digest());
    const outside = new Set(ids.filter((id) => !surveyed.has(id))).size; // group 4: people in no survey, each once
    const report = (await app.inject({ url: `/api/registry/${job.id}`, headers: admin })).json();
    expect(report).toMatchObject({ linked: ids.filter((id, n) => surveyed.has(id) && ids.indexOf(id) === n).length, not_linked: { no_match: outside, duplicate: 1 } });
    expect(report.provinces).toEqual([{ province_code: '91', linked: 2, exclusion_candidates: outside, area_only: 0 }]);
  });
});
