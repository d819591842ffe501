/**
 * The area context import kinds (projects, OTOP) through the one import pipeline, on the test
 * database: every good line merged, every bad line rejected with its line, column and reason, and
 * nothing derived owed a refresh. The fixture files list the bad lines; their reasons are written here.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createJob } from '../../server/imports/jobs.js';
import { importDb, runImport } from '../../server/imports/pipeline.js';
import type { ImportKind } from '../../server/imports/formats.js';
import { testDatabaseUrl } from '../helpers/database.js';

const db = importDb(testDatabaseUrl());
afterAll(async () => {
  await db('project').where('project_code', 'like', 'IMP-%').delete();
  await db('otop_product').whereIn('name', ['ผ้าทอทดสอบ', 'ชาทดสอบ', 'ยาหม่องทดสอบ']).delete();
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
});
