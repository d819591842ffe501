/**
 * Household search against direct SQL counts written independently of the API's filter code,
 * CSV export row counts and encoding, and keyset paging that never repeats or skips a row.
 */
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';

const PREFIX = 'hhsearch';
const YEAR = 2023;
let app: FastifyInstance;
let headers: Record<string, string>;

// Dimension masks over the 17 indicator bits, spelled out (health 1-4, living 5-8, education 9-12, income 13-15, access 16-17).
const DIM = { health: 0xf, living: 0xf0, education: 0xf00, income: 0x7000, access: 0x18000 };
const failedCountSql = Object.values(DIM).map((m) => `(case when deprived & ${m} <> 0 then 1 else 0 end)`).join(' + ');
const vulnerabilitySql = `(case when income_per_person < 100000 and (dependents > 2 or housing_problem) then 3
  when income_per_person < 100000 and dependents between 1 and 2 then 2
  when income_per_person < 100000 or housing_problem then 1 when dependents > 0 then 0 end)`;
const logbookSql = `coalesce((select status from assistance_log l where l.survey_year = h.survey_year and l.house_code = h.house_code
  order by done_on desc, id desc limit 1), 'none')`;

// [API query, the same condition in plain SQL over household h]
const CASES: Array<[string, string]> = [
  ['province=30', "province_code = '30'"],
  ['district=3001', "district_code = '3001'"],
  ['subdistrict=300101', "subdistrict_code = '300101'"],
  ['village=30010101', "village_code = '30010101'"],
  ['province=30&dims_any=income,health', `province_code = '30' and (deprived & ${DIM.income} <> 0 or deprived & ${DIM.health} <> 0)`],
  ['province=30&dims_all=income,access', `province_code = '30' and deprived & ${DIM.income} <> 0 and deprived & ${DIM.access} <> 0`],
  ['province=47&indicators=income_threshold,exercise', `province_code = '47' and deprived & ${1 << 14} <> 0 and deprived & ${1 << 3} <> 0`],
  ['province=47&card=with', "province_code = '47' and welfare_card_holders > 0"],
  ['province=47&card=without', "province_code = '47' and welfare_card_holders = 0"],
  ['province=47&failed_count=2,3', `province_code = '47' and ${failedCountSql} in (2, 3)`],
  ['province=47&failed_count=0', `province_code = '47' and deprived = 0`],
  ['province=47&vulnerability=0,3', `province_code = '47' and ${vulnerabilitySql} in (0, 3)`],
  ['province=47&logbook=done', `province_code = '47' and ${logbookSql} = 'done'`],
  ['province=47&logbook=none,planned', `province_code = '47' and ${logbookSql} in ('none', 'planned')`],
  ['province=30&dims_any=income&card=without&failed_count=1,2', `province_code = '30' and deprived & ${DIM.income} <> 0 and welfare_card_holders = 0 and ${failedCountSql} in (1, 2)`],
  ['district=4701&indicators=income_threshold&vulnerability=1,2,3&card=with', `district_code = '4701' and deprived & ${1 << 14} <> 0 and ${vulnerabilitySql} in (1, 2, 3) and welfare_card_holders > 0`],
  ['province=47&dims_all=health&dims_any=living,education&logbook=in_progress,none', `province_code = '47' and deprived & ${DIM.health} <> 0 and (deprived & ${DIM.living} <> 0 or deprived & ${DIM.education} <> 0) and ${logbookSql} in ('in_progress', 'none')`],
  ['dims_all=health,living,education,income,access', `deprived & ${DIM.health} <> 0 and deprived & ${DIM.living} <> 0 and deprived & ${DIM.education} <> 0 and deprived & ${DIM.income} <> 0 and deprived & ${DIM.access} <> 0`],
];

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  ({ headers } = await userWithToken(app, PREFIX, 'analyst', ['TH']));
  // Logbook entries for a few households of province 47, removed again after the tests.
  const houses = await app.db('household').where({ survey_year: YEAR, province_code: '47' }).whereNot('deprived', 0).orderBy('house_code').limit(30).pluck('house_code');
  await app.db('assistance_log').insert(houses.flatMap((house_code: string, i: number) => [
    { survey_year: YEAR, house_code, agency: 'test', done_on: '2023-01-01', dimension: 'income', stage: 'survive', status: 'planned', note: PREFIX },
    ...(i % 3 ? [{ survey_year: YEAR, house_code, agency: 'test', done_on: '2023-05-01', dimension: 'income', stage: 'survive', status: i % 3 === 1 ? 'in_progress' : 'done', note: PREFIX }] : []),
  ]));
});
afterAll(async () => {
  await app.db('assistance_log').where({ note: PREFIX }).delete();
  await deleteUsers(app, PREFIX);
  await app.close();
});

/** The first house codes of a search in the API's default order (house code ascending), by direct SQL. */
async function directFirst(where: string, limit: number, order = 'house_code'): Promise<string[]> {
  const { rows } = await app.db.raw(`select house_code from household h where survey_year = ${YEAR} and ${where} order by ${order} limit ${limit}`);
  return rows.map((r: { house_code: string }) => r.house_code);
}

async function directCount(where: string): Promise<number> {
  const { rows } = await app.db.raw(`select count(*) as n from household h where survey_year = ${YEAR} and ${where}`);
  return Number(rows[0].n);
}

describe('every filter and combinations match a direct SQL count', () => {
  for (const [query, where] of CASES) {
    it(query, async () => {
      const r = await app.inject({ method: 'GET', url: `/api/households?${query}&limit=5`, headers });
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      const expected = await directCount(where);
      expect(body.total).toBe(expected);
      expect(body.items.length).toBe(Math.min(5, expected));
      // which rows, in which order: the first five by house code
      expect(body.items.map((i: { house_code: string }) => i.house_code)).toEqual(await directFirst(where, 5));
      // and from the other end with -house_code
      const last = await app.inject({ method: 'GET', url: `/api/households?${query}&limit=5&sort=-house_code`, headers });
      expect(last.json().items.map((i: { house_code: string }) => i.house_code)).toEqual(await directFirst(where, 5, 'house_code desc'));
    });
  }
  it('most cases find households (so the row checks above compare rows)', async () => {
    let found = 0;
    for (const [, where] of CASES) if ((await directCount(where)) >= 5) found++;
    expect(found).toBeGreaterThanOrEqual(CASES.length - 2);
  });
  it('the logbook cases are not trivially empty', async () => {
    expect(await directCount(`province_code = '47' and ${logbookSql} = 'done'`)).toBeGreaterThan(0);
  });
});

describe('CSV export', () => {
  it('has one row per household of the search, a BOM, and Thai intact', async () => {
    const query = 'province=30&dims_any=income';
    const list = (await app.inject({ method: 'GET', url: `/api/households?${query}&limit=1`, headers })).json();
    const r = await app.inject({ method: 'GET', url: `/api/households.csv?${query}&headers=th`, headers });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const raw = r.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(raw.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0][0]).toBe('รหัสบ้าน');
    expect(rows.length - 1).toBe(list.total);
    const first = await app.db('household_list').where({ survey_year: YEAR, house_code: rows[1][0] }).first('address_th');
    expect(rows[1][4]).toBe(first.address_th);
    expect(rows[1][4]).toMatch(/จ\./);
  });

  it('Accept: text/csv on /api/households gives the same rows, English headers by default', async () => {
    const a = await app.inject({ method: 'GET', url: '/api/households?village=30010101', headers: { ...headers, accept: 'text/csv' } });
    const b = await app.inject({ method: 'GET', url: '/api/households.csv?village=30010101', headers });
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    expect(a.body.slice(1).split('\n')[0]).toMatch(/^house_code,head_name,national_id,/);
  });

  it('an empty search is just the header row', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/households.csv?village=30010101&failed_count=5&dims_all=health,living,education,income,access&indicators=newborn_weight,hygienic_food', headers });
    expect(r.statusCode).toBe(200);
    expect(parse(r.body, { bom: true }).length).toBe(1);
  });
});

describe('cursor paging', () => {
  // the same order in plain SQL: the key, then house code in the same direction (README / paging.ts doc)
  const ORDER: Record<string, string> = {
    house_code: 'house_code', '-house_code': 'house_code desc',
    '-failed_dim_count': `${failedCountSql} desc, house_code desc`,
    members: 'members, house_code', '-members': 'members desc, house_code desc',
  };
  for (const sort of ['house_code', '-house_code', '-failed_dim_count', 'members', '-members']) {
    it(`walks district 3001 sorted by ${sort} without repeating or skipping`, async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total = 0;
      do {
        const url: string = `/api/households?district=3001&limit=397&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const r = await app.inject({ method: 'GET', url, headers });
        expect(r.statusCode, r.body).toBe(200);
        const page = r.json();
        total = page.total;
        seen.push(...page.items.map((i: any) => i.house_code));
        cursor = page.next_cursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await app.db('household').where({ survey_year: YEAR, district_code: '3001' }).pluck('house_code');
      expect(seen.length).toBe(all.length);
      expect(total).toBe(all.length);
      expect(new Set(seen)).toEqual(new Set(all));
      expect(seen).toEqual(await directFirst(`district_code = '3001'`, all.length + 1, ORDER[sort]));
    });
  }
});
