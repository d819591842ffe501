/**
 * Person search and its CSV (issue 20 part 4) on the demo data set: every filter combination at
 * province, district, subdistrict and village level against a count and selection in plain SQL over
 * the raw person and household rows, written here without the API's views; each group's total against
 * the rollup area_person_stats; keyset pages covering the set exactly once in (house_code, person_no)
 * order; the CSV's rows equal to the search's; masking without the PII grant; grants, anonymous
 * callers and bad inputs refused; audit rows written; a client leaving an export ends its COPY.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';
import type { ProblemCase } from '../helpers/problems.js';

const PREFIX = 'personsearch';
let app: FastifyInstance;
let year: number;
/** An analyst of the whole country without the PII grant, one of province 30 with it, one of district 3001. */
let plain: Record<string, string>;
let pii: Record<string, string>;
let district: Record<string, string>;
let publicUser: Record<string, string>;

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  year = Number((await app.db.raw('select max(survey_year) as y from person')).rows[0].y);
  ({ headers: plain } = await userWithToken(app, PREFIX, 'analyst', ['TH']));
  ({ headers: pii } = await userWithToken(app, PREFIX, 'analyst', ['30'], true));
  ({ headers: district } = await userWithToken(app, PREFIX, 'analyst', ['3001']));
  ({ headers: publicUser } = await userWithToken(app, PREFIX, 'public'));
});
afterAll(async () => {
  await deleteUsers(app, PREFIX);
  await app.close();
});

// [API query, the same condition in plain SQL over person p joined to its household h]
const CASES: Array<[string, string]> = [
  ['province=30', "p.province_code = '30'"],
  ['district=3001', "p.district_code = '3001'"],
  ['subdistrict=300101', "p.subdistrict_code = '300101'"],
  ['village=30010101', "p.village_code = '30010101'"],
  ['province=30&group=neet', "p.province_code = '30' and p.age >= 15 and p.age <= 24 and p.in_education = false and p.employed = false"],
  ['province=30&group=target_card&sex=f', "p.province_code = '30' and h.deprived > 0 and p.welfare_card and p.sex = 'f'"],
  ['district=3001&group=target_nocard&age_band=0-5', "p.district_code = '3001' and h.deprived > 0 and not p.welfare_card and p.age < 6"],
  ['district=3001&group=vulnerable&age_min=15&age_max=59&sex=m', "p.district_code = '3001' and h.vulnerability_level >= 0 and p.age >= 15 and p.age < 60 and p.sex = 'm'"],
  ['district=3001&group=card_not_target', "p.district_code = '3001' and h.deprived = 0 and p.welfare_card"],
  ['subdistrict=300101&age_band=60%2B&card=with', "p.subdistrict_code = '300101' and p.age >= 60 and p.welfare_card"],
  ['subdistrict=300101&disabled=true&card=without', "p.subdistrict_code = '300101' and p.disabled and not p.welfare_card"],
  ['province=30&group=disabled_no_care', "p.province_code = '30' and p.disabled and p.receives_care = false"],
  ['province=30&group=elderly_no_care&sex=f', "p.province_code = '30' and p.age >= 60 and p.needs_daily_care and p.receives_care = false and p.sex = 'f'"],
  ['district=3001&group=school_age_out', "p.district_code = '3001' and p.age between 6 and 14 and not p.in_education"],
  ['district=3001&group=working_no_work,target_card', "p.district_code = '3001' and p.age between 15 and 59 and not p.in_education and not p.employed and h.deprived > 0 and p.welfare_card"],
  ['province=30&age_min=100', "p.province_code = '30' and p.age >= 100"],
  ['province=30&disabled=false&age_max=2', "p.province_code = '30' and not p.disabled and p.age <= 2"],
];

const FROM = 'person p join household h on h.survey_year = p.survey_year and h.house_code = p.house_code';

async function directCount(where: string): Promise<number> {
  const { rows } = await app.db.raw(`select count(*) as n from ${FROM} where p.survey_year = ${year} and ${where}`);
  return Number(rows[0].n);
}

/** "house_code/person_no" of the matching people in the search's documented order. */
async function directKeys(where: string, limit: number): Promise<string[]> {
  const { rows } = await app.db.raw(`select p.house_code || '/' || p.person_no as k from ${FROM} where p.survey_year = ${year} and ${where}
    order by p.house_code, p.person_no limit ${limit}`);
  return rows.map((r: { k: string }) => r.k);
}

const key = (i: { house_code: string; person_no: number | string }) => `${i.house_code}/${i.person_no}`;

async function search(query: string, headers = plain) {
  const r = await app.inject({ url: `/api/persons?${query}`, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Every page of a search (limit per page), in order. */
async function allPages(query: string, limit: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const page: any = await search(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    total = page.total;
    cursor = page.next_cursor;
  } while (cursor);
  return { items, total };
}

describe('filters match a direct SQL selection on the raw rows', () => {
  for (const [query, where] of CASES) {
    it(query, async () => {
      const body = await search(`${query}&year=${year}&limit=7`);
      const expected = await directCount(where);
      expect(body.total).toBe(expected);
      expect(body.items.map(key)).toEqual(await directKeys(where, 7));
    });
  }

  it('most cases find people (so the row checks compare rows)', async () => {
    let found = 0;
    for (const [, where] of CASES) if ((await directCount(where)) >= 7) found++;
    expect(found).toBeGreaterThanOrEqual(CASES.length - 3);
  });

  it('each group total of sample areas at every level equals the rollup area_person_stats', async () => {
    const groups = ['persons', 'target_card', 'target_nocard', 'vulnerable', 'card_not_target', 'children_0_5', 'school_age', 'school_age_out',
      'youth', 'neet', 'working_age', 'working_no_work', 'elderly', 'elderly_no_care', 'disabled', 'disabled_no_care'];
    for (const [param, code] of [['province', '30'], ['district', '3001'], ['subdistrict', '300101'], ['village', '30010101']]) {
      const rollup = await app.db('area_person_stats').where({ code, survey_year: year }).first();
      for (const g of groups) {
        const body = await search(`${param}=${code}&group=${g}&limit=1`);
        expect(body.total, `${param} ${code} ${g}`).toBe(rollup[g]);
      }
    }
  });

  it('answers the fields of a person as stored', async () => {
    const [item] = (await search('village=30010101&limit=1', pii)).items;
    const row = await app.db('person').where({ survey_year: year, house_code: item.house_code, person_no: item.person_no }).first();
    const hh = await app.db('household').where({ survey_year: year, house_code: item.house_code }).first('deprived', 'vulnerability_level');
    expect(item).toMatchObject({
      national_id: row.national_id, village_code: row.village_code, age: row.age, sex: row.sex, relation_to_head: row.relation_to_head,
      disabled: row.disabled, in_education: row.in_education, employed: row.employed, literate: row.literate, welfare_card: row.welfare_card,
      needs_daily_care: row.needs_daily_care, receives_care: row.receives_care, household_target: hh.deprived !== 0, vulnerability_level: hh.vulnerability_level,
    });
    expect(item.address_th).toMatch(/จ\./);
  });
});

describe('keyset paging', () => {
  it('walks district 3001 (working age) in (house_code, person_no) order, every person exactly once', async () => {
    const where = "p.district_code = '3001' and p.age between 15 and 59";
    const { items, total } = await allPages('district=3001&group=working_age', 397);
    const keys = items.map(key);
    const expected = await directKeys(where, 1_000_000);
    expect(expected.length).toBeGreaterThan(397 * 2);
    expect(total).toBe(expected.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expected);
  });
});

describe('CSV export', () => {
  it('has the search total of rows, equal to the search\'s rows, with a BOM and Thai headers', async () => {
    const query = 'subdistrict=300101&group=working_age';
    const { items, total } = await allPages(query, 1000);
    const r = await app.inject({ url: `/api/persons.csv?${query}&headers=th`, headers: plain });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect([...r.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(r.rawPayload.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0].slice(0, 3)).toEqual(['รหัสบ้าน', 'ลำดับสมาชิก', 'เลขประจำตัวประชาชน']);
    expect(rows.length - 1).toBe(total);
    const yesNo = (v: boolean | null) => (v === null ? '' : v ? '1' : '0');
    const asCsv = (i: any) => [i.house_code, String(i.person_no), i.national_id, i.village_code, i.address_th, i.address_en, String(i.age), i.sex,
      i.relation_to_head, ...['disabled', 'in_education', 'employed', 'literate', 'welfare_card', 'needs_daily_care', 'receives_care', 'household_target'].map((f) => yesNo(i[f])),
      i.vulnerability_level === null ? '' : String(i.vulnerability_level)];
    expect(rows.slice(1)).toEqual(items.map(asCsv));
  });

  it('Accept: text/csv on /api/persons gives the same file; English headers by default', async () => {
    const a = await app.inject({ url: '/api/persons?village=30010101', headers: { ...plain, accept: 'text/csv' } });
    const b = await app.inject({ url: '/api/persons.csv?village=30010101', headers: plain });
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    expect(a.body.slice(1).split('\n')[0]).toMatch(/^house_code,person_no,national_id,village_code,/);
  });

  it('of a whole province counts the search total', async () => {
    const total = (await search('province=30&group=elderly&limit=1')).total;
    const r = await app.inject({ url: '/api/persons.csv?province=30&group=elderly', headers: plain });
    expect(parse(r.body, { bom: true }).length - 1).toBe(total);
    expect(total).toBe(await directCount("p.province_code = '30' and p.age >= 60"));
  });
});

describe('PII, grants and audit', () => {
  const MASK = 'X-XXXX-XXXXX-XX-X';

  it('masks every national id without the PII grant, in the list and the CSV; shows them with it', async () => {
    const masked = await search('district=3001&limit=200');
    expect(masked.items.length).toBe(200);
    expect(new Set(masked.items.map((i: any) => i.national_id))).toEqual(new Set([MASK]));
    const csv = parse((await app.inject({ url: '/api/persons.csv?village=30010101', headers: plain })).body, { bom: true }) as string[][];
    expect(new Set(csv.slice(1).map((r) => r[2]))).toEqual(new Set([MASK]));
    expect(csv.slice(1).some((r) => r.join(',').match(/[0-9]{13}/))).toBe(false);

    const exact = await search('district=3001&limit=200', pii);
    const ids = await app.db('person').where({ survey_year: year, district_code: '3001' }).orderBy(['house_code', 'person_no']).limit(200).pluck('national_id');
    expect(exact.items.map((i: any) => i.national_id)).toEqual(ids);
    const piiCsv = parse((await app.inject({ url: '/api/persons.csv?village=30010101', headers: pii })).body, { bom: true }) as string[][];
    expect(piiCsv.slice(1).every((r) => /^[0-9]{13}$/.test(r[2]))).toBe(true);
  });

  it('refuses areas outside the grant (403, audited), anonymous callers (401) and the public role (403)', async () => {
    for (const url of ['/api/persons?province=10', '/api/persons.csv?province=30', '/api/persons?district=3002', '/api/persons?village=10010101']) {
      const r = await app.inject({ url, headers: district });
      expect(r.statusCode, url).toBe(403);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await app.inject({ url: '/api/persons?subdistrict=300101', headers: district })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/persons?province=10', headers: pii })).statusCode).toBe(403);
    for (const url of ['/api/persons?province=30', '/api/persons.csv?province=30']) {
      expect((await app.inject({ url })).statusCode, url).toBe(401);
      expect((await app.inject({ url, headers: publicUser })).statusCode, url).toBe(403);
    }
    const refused = await app.db('audit_log').whereIn('user_id', app.db('app_user').where('username', 'like', `${PREFIX}\\_analyst%`).select('id'))
      .where('action', 'like', 'persons.%.refused').select('action', 'filter');
    expect(refused.map((r: any) => r.action)).toEqual(expect.arrayContaining(['persons.list.refused', 'persons.csv.refused']));
    expect(refused.find((r: any) => r.action === 'persons.csv.refused').filter).toMatchObject({ path: '/api/persons.csv', query: { province: '30' } });
  });

  it('audits every read with its row count and whether exact ids were shown', async () => {
    const { user, headers } = await userWithToken(app, PREFIX, 'analyst', ['30'], true);
    const page = await search('district=3001&group=neet&limit=10', headers);
    const r = await app.inject({ url: '/api/persons.csv?district=3001&group=neet', headers });
    expect(r.statusCode).toBe(200);
    // the CSV is audited once it has been sent
    let rows: any[] = [];
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      rows = await app.db('audit_log').where({ user_id: user.id }).orderBy('id').select('action', 'row_count', 'pii', 'filter');
      if (rows.length < 2) await new Promise((res) => setTimeout(res, 100));
    }
    expect(rows.map((a) => [a.action, Number(a.row_count), a.pii])).toEqual([['persons.list', page.items.length, true], ['persons.csv', page.total, true]]);
    expect(rows[0].filter).toMatchObject({ district: '3001', group: 'neet', year });
  });
});

describe('bad inputs', () => {
  it('are 4xx problems naming the parameter', async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const cases: ProblemCase[] = [
      ['/api/persons', 400, 'province'],
      ['/api/persons?year=2023', 400, 'province'],
      ['/api/persons?province=30&group=wizards', 400, 'group'],
      ['/api/persons?province=30&group=neet,', 400, 'group'],
      ['/api/persons?province=30&group=neet%00', 400, 'group'],
      ['/api/persons?province=30&group=ne%0Aet', 400, 'group'],
      ['/api/persons?province=30&age_min=30&age_max=20', 400, 'age_min'],
      ['/api/persons?province=30&age_min=1.5', 400, 'age_min'],
      ['/api/persons?province=30&age_max=abc', 400, 'age_max'],
      ['/api/persons?province=30&age_max=121', 400, 'age_max'],
      ['/api/persons?province=30&age_min=-1', 400, 'age_min'],
      ['/api/persons?province=30&age_band=0-9', 400, 'age_band'],
      ['/api/persons?province=30&age_band=0-5&age_min=2', 400, 'age_band'],
      ['/api/persons?province=30&sex=x', 400, 'sex'],
      ['/api/persons?province=30&disabled=maybe', 400, 'disabled'],
      ['/api/persons?province=30&card=some', 400, 'card'],
      ['/api/persons?province=3', 400, 'province'],
      ['/api/persons?province=3%000', 400, 'province'],
      ['/api/persons?province=99', 404, 'province'],
      ['/api/persons?district=3001&village=10010101', 400, 'district'],
      ['/api/persons?province=30&year=2019', 404, 'year'],
      ['/api/persons?province=30&limit=0', 400, 'limit'],
      ['/api/persons?province=30&limit=1001', 400, 'limit'],
      ['/api/persons?province=30&colour=red', 400, 'colour'],
      [`/api/persons?province=30&cursor=${cursor({ house: '300101010001', person: 0 })}`, 400, 'cursor'],
      [`/api/persons?province=30&cursor=${cursor({ house: "3001' or 1=1", person: 1 })}`, 400, 'cursor'],
      ['/api/persons?province=30&cursor=bm9wZQ', 400, 'cursor'],
      ['/api/persons.csv?province=30&headers=fr', 400, 'headers'],
    ];
    for (const [url, status, parameter] of cases) {
      const r = await app.inject({ url, headers: plain });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(status);
      expect(r.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(r.json().parameter, url).toBe(parameter);
      expect(r.body, url).not.toMatch(/select |from person|syntax|violates/i);
    }
  });
});

describe('a client leaving a CSV export', () => {
  it('ends its COPY', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const copies = async () => Number((await app.db.raw(
      "select count(*) as n from pg_stat_activity where pid <> pg_backend_pid() and state = 'active' and position('COPY (select' in query) > 0 and position('person_list' in query) > 0")).rows[0].n);
    const leaving = http.get({ host: '127.0.0.1', port, path: '/api/persons.csv?province=30', headers: plain, agent: false });
    leaving.on('error', () => undefined);
    await new Promise<void>((resolve) => leaving.once('response', (res) => { res.once('data', () => resolve()); }));
    leaving.destroy();
    const left = performance.now();
    while ((await copies()) > 0 && performance.now() - left < 5000) await new Promise((res) => setTimeout(res, 50));
    expect(await copies()).toBe(0);
  });
});
