/**
 * The area context import kinds (projects, OTOP) through the one import pipeline, on the test
 * database: every good line merged, every bad line rejected with its line, column and reason, and
 * nothing derived owed a refresh. The fixture files list the bad lines; their reasons are written here.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../server/imports/jobs.js';
import { importDb, runImport } from '../../server/imports/pipeline.js';
import type { ImportKind } from '../../server/imports/formats.js';
import { testDatabaseUrl } from '../helpers/database.js';

const db = importDb(testDatabaseUrl());
/** The centre staff rows the centre staff fixture writes over, as they were: put back afterwards. */
const STAFF_AREAS = ['4101', '4102', '4103', '410101', '41010101', '4199'];
let staffBefore: Array<{ area_code: string; staff: number; partners: number }> = [];
beforeAll(async () => {
  staffBefore = await db('centre_staff').whereIn('area_code', STAFF_AREAS).select();
  await db('centre_staff').whereIn('area_code', STAFF_AREAS).delete();
});
afterAll(async () => {
  await db('project').where('project_code', 'like', 'IMP-%').delete();
  await db('otop_product').whereIn('name', ['ผ้าทอทดสอบ', 'ชาทดสอบ', 'ยาหม่องทดสอบ']).delete();
  // year 2099 is the fixtures' own: no demo or fixture figures use it
  await db('province_economy').where({ year: 2099 }).delete();
  await db('province_hai').where({ year: 2099 }).delete();
  await db('centre_staff').whereIn('area_code', STAFF_AREAS).delete();
  if (staffBefore.length) await db('centre_staff').insert(staffBefore);
  await db.destroy();
});

async function importFile(kind: ImportKind, file: string) {
  const id = await createJob(db, kind, file, null);
  const result = await runImport(db, id, kind, fs.createReadStream(`tests/fixtures/import/${file}`));
  const rejects = await db('import_reject').where({ job_id: id }).orderBy(['line', 'column_name']).select('line', 'column_name', 'reason');
  const owed = await db('import_refresh_pending').where({ job_id: id }).first();
  const job = await db('import_job').where({ id }).first('state');
  return { result, rejects, owed, job };
}

describe('area context imports', () => {
  it('projects: good lines merged, each bad line named with its column and reason', async () => {
    const { result, rejects, owed, job } = await importFile('projects', 'projects-bad-rows.csv');
    expect(job.state).toBe('done');
    expect(owed).toBeUndefined();
    expect(result).toMatchObject({ rows_read: 8, rows_valid: 2, rows_rejected: 6, inserted: 2 });
    const byLine = (line: number) => rejects.filter((r) => Number(r.line) === line);
    expect(byLine(3)).toMatchObject([{ column_name: 'budget_baht' }]);
    expect(byLine(4)).toMatchObject([{ column_name: 'area_code', reason: expect.stringContaining('names no area') }]);
    expect(byLine(5)).toMatchObject([{ column_name: 'addresses' }]);
    expect(byLine(6).map((r) => r.column_name).sort()).toEqual(['progress', 'stage']);
    expect(byLine(7)).toMatchObject([{ column_name: null, reason: expect.stringContaining('repeats the project code of line 2') }]);
    expect(byLine(8)[0].reason).toMatch(/broken quoting/);
    const rows = await db('project').where('project_code', 'like', 'IMP-%').orderBy('project_code');
    expect(rows.map((r) => [r.project_code, Number(r.budget_baht), r.area_code, r.title_en])).toEqual([
      ['IMP-1', 1_500_000, '41', 'Project one'], ['IMP-7', 250_000.5, '4101', null]]);
    // the same file again changes nothing
    expect((await importFile('projects', 'projects-bad-rows.csv')).result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('OTOP: the village must exist, category and stars in range, a repeated product rejected', async () => {
    const { result, rejects } = await importFile('otop', 'otop-bad-rows.csv');
    expect(result).toMatchObject({ rows_read: 5, rows_valid: 1, rows_rejected: 4, inserted: 1 });
    expect(rejects.map((r) => [Number(r.line), r.column_name])).toEqual([[3, null], [4, 'village_code'], [5, 'category'], [6, 'stars']]);
    const got = await db('otop_product').where({ village_code: '41010101', name: 'ผ้าทอทดสอบ' }).first();
    expect(got).toMatchObject({ category: 'textiles', stars: 4 });
  });

  /** Each rejected line with its columns, as [line, column, reason] sorted by line and column. */
  const listed = (rejects: Array<{ line: string | number; column_name: string | null; reason: string }>) =>
    rejects.map((r) => [Number(r.line), r.column_name, r.reason]);

  it('provincial accounts: each bad line rejected with its column and reason, the good ones whole, nothing of a bad line written', async () => {
    const { result, rejects, owed, job } = await importFile('economy', 'economy-bad-rows.csv');
    expect(job.state).toBe('done');
    expect(owed).toBeUndefined();
    expect(result).toMatchObject({ rows_read: 8, rows_valid: 2, rows_rejected: 6, inserted: 2 });
    expect(listed(rejects)).toEqual([
      [3, 'province_code', 'names no province, got "4101"'],
      [4, 'year', 'must be a whole number from 2000 to 2100, got "1999"'],
      [5, 'population', 'must be a whole number from 1 to 100000000, got "0"'],
      [6, 'gpp_million_baht', expect.stringContaining('"-1"')],
      [7, null, expect.stringContaining('repeats the province and year of line 2')],
      [8, 'consumption_million_baht', expect.stringContaining('"abc"')],
    ]);
    const rows = await db('province_economy').where({ year: 2099 }).orderBy('province_code');
    expect(rows.map((r) => [r.province_code, r.population, Number(r.gpp_million_baht), Number(r.consumption_million_baht), Number(r.investment_million_baht)]))
      .toEqual([['41', 1600000, 150000.5, 90000, 30000], ['45', 900000, 50000, 30000, 10000]]);
  });

  it('HAI: a part out of 0-1, missing or not a number rejects its line; a repeated province and year too', async () => {
    const { result, rejects, owed } = await importFile('hai', 'hai-bad-rows.csv');
    expect(owed).toBeUndefined();
    expect(result).toMatchObject({ rows_read: 7, rows_valid: 2, rows_rejected: 5, inserted: 2 });
    expect(listed(rejects)).toEqual([
      [3, null, expect.stringContaining('repeats the province and year of line 2')],
      [4, 'hai', expect.stringContaining('"1.2"')],
      [5, 'education', 'is missing'],
      [6, 'province_code', 'names no province, got "99"'],
      [7, 'participation', expect.stringContaining('"x"')],
    ]);
    const rows = await db('province_hai').where({ year: 2099 }).orderBy('province_code');
    expect(rows.map((r) => [r.province_code, Number(r.hai), Number(r.participation)])).toEqual([['41', 0.6, 0.5], ['45', 0.5, 0.5]]);
    // the repeated line (all 0.1) wrote nothing over the first
    expect(rows.every((r) => Number(r.health) !== 0.1)).toBe(true);
  });

  it('centre staff: a village, an unknown area, a negative or fractional count and a repeated area are rejected', async () => {
    const { result, rejects, owed } = await importFile('centre_staff', 'centre-staff-bad-rows.csv');
    expect(owed).toBeUndefined();
    expect(result).toMatchObject({ rows_read: 7, rows_valid: 2, rows_rejected: 5, inserted: 2 });
    expect(listed(rejects)).toEqual([
      [3, 'area_code', 'names no province, district or subdistrict, got "41010101"'],
      [4, 'staff', 'must be a whole number from 0 to 1000000, got "-1"'],
      [5, 'partners', 'must be a whole number from 0 to 1000000, got "2.5"'],
      [6, null, expect.stringContaining('repeats the area of line 2')],
      [8, 'area_code', 'names no province, district or subdistrict, got "4199"'],
    ]);
    const rows = await db('centre_staff').whereIn('area_code', STAFF_AREAS).orderBy('area_code');
    expect(rows.map((r) => [r.area_code, r.staff, r.partners])).toEqual([['4101', 12, 3], ['410101', 4, 0]]);
  });
});
