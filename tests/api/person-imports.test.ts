/**
 * The persons import over real HTTP (app.inject) into a scratch database with the fixture geography
 * and two households: tests/fixtures/import/persons-sample.csv has five good lines and five bad
 * ones (a wrong check digit, a household not surveyed, an age out of range, a person repeated, a
 * bad sex code with a care answer for someone needing none); the good ones are merged, the bad ones
 * reported by line, column and reason, and the people's rollup follows. A re-import changes nothing.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { userWithToken } from '../helpers/api.js';
import { multipart } from '../helpers/imports.js';

const SAMPLE = fs.readFileSync(new URL('../fixtures/import/persons-sample.csv', import.meta.url));

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let db: Db;
let admin: Record<string, string>;

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_person_imports');
  db = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
  for (const [house, village] of [['910101010001', '91010101'], ['910101020001', '91010102']]) {
    await db.raw(`insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                                         members, deprived, income_per_person, dependents, housing_problem, welfare_card_holders,
                                         head_name, national_id)
                  values (2022, ?, ?, '910101', '9101', '91', 4, 0, 50000, 1, false, 2, 'นางมาลี ศรีสุข', '1101700203450')`, [house, village]);
  }
  app = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent' });
  ({ headers: admin } = await userWithToken(app, 'person_imports', 'admin'));
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await scratch?.drop();
});

async function importPersons(bytes: Buffer) {
  const m = multipart('persons.csv', bytes);
  const r = await app.inject({ method: 'POST', url: '/api/imports/persons', payload: m.body, headers: { ...admin, ...m.headers } });
  expect(r.statusCode, r.body).toBe(202);
  await app.imports.idle();
  const job = await app.inject({ method: 'GET', url: `/api/imports/${r.json().id}`, headers: admin });
  expect(job.statusCode).toBe(200);
  return job.json();
}

describe('persons import', () => {
  it('merges the good lines and reports every bad one with its reason', async () => {
    const job = await importPersons(SAMPLE);
    expect(job).toMatchObject({ kind: 'persons', state: 'done', rows_read: 10, rows_valid: 5, rows_rejected: 5, inserted: 5, updated: 0 });
    const r = await app.inject({ method: 'GET', url: `/api/imports/${job.id}/rejects.csv`, headers: admin });
    expect(r.statusCode).toBe(200);
    const { parse } = await import('csv-parse/sync');
    const rows = (parse(r.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>)
      .map((x) => [Number(x.line), x.column, x.reason]);
    expect(rows).toEqual(expect.arrayContaining([
      [7, 'national_id', expect.stringMatching(/wrong check digit/)],
      [8, 'house_code', expect.stringMatching(/names no household surveyed in 2022/)],
      [9, 'age', expect.stringMatching(/from 0 to 120, got "130"/)],
      [10, 'person_no', expect.stringMatching(/repeats the person of line 6/)],
      [11, 'sex', expect.stringMatching(/must be one of m, f/)],
      [11, 'receives_care', expect.stringMatching(/must be empty/)],
    ]));
    expect(rows).toHaveLength(6);
    const people = await db('person').orderBy(['house_code', 'person_no']).select('house_code', 'person_no', 'age', 'province_code', 'receives_care');
    expect(people.map((p) => [p.house_code, p.person_no, p.age, p.province_code, p.receives_care])).toEqual([
      ['910101010001', 1, 44, '91', null], ['910101010001', 2, 41, '91', null], ['910101010001', 3, 19, '91', null],
      ['910101010001', 4, 72, '91', false], ['910101020001', 1, 35, '91', null],
    ]);
    // the rollup followed: 5 people, one NEET (line 4: 19, neither in education nor employed), one elderly without care
    const stats = await db('area_person_stats').where({ code: '91', survey_year: 2022 }).first('persons', 'neet', 'elderly_no_care', 'disabled_no_care');
    expect(stats).toEqual({ persons: 5, neet: 1, elderly_no_care: 1, disabled_no_care: 1 });
  });

  it('changes nothing when the same file comes again', async () => {
    const job = await importPersons(SAMPLE);
    expect(job).toMatchObject({ state: 'done', rows_valid: 5, inserted: 0, updated: 0, unchanged: 5 });
  });

  it('is for admins only', async () => {
    const m = multipart('persons.csv', SAMPLE);
    const r = await app.inject({ method: 'POST', url: '/api/imports/persons', payload: m.body, headers: m.headers });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });
});
