/**
 * Household and logbook imports over real HTTP (app.inject) into a scratch database with the
 * fixture geography: a file with bad lines of every kind imports every good line and reports every
 * bad one by line; a re-import changes nothing; only admins upload; the upload spool is private,
 * emptied when jobs end, and cleaned of a stopped process's files at start.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { userWithToken } from '../helpers/api.js';
import { HEADER, householdFile, multipart, tableChecksum, type BadKind } from '../helpers/imports.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let app: FastifyInstance;
let db: Db;
let admin: Record<string, string>;
const file = householdFile(1000);
const spoolParent = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-spool-test-'));
const spool = path.join(spoolParent, 'spool');

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_imports_api');
  db = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
  app = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent', importSpoolDir: spool });
  ({ headers: admin } = await userWithToken(app, 'imports', 'admin'));
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await scratch?.drop();
  fs.rmSync(spoolParent, { recursive: true, force: true });
});

async function upload(kind: 'households' | 'assistance', bytes: Buffer, headers: Record<string, string>) {
  const m = multipart(`${kind}.csv`, bytes);
  return app.inject({ method: 'POST', url: `/api/imports/${kind}`, payload: m.body, headers: { ...headers, ...m.headers } });
}

/** Upload as admin, wait for the job, return it. */
async function importFile(kind: 'households' | 'assistance', bytes: Buffer) {
  const r = await upload(kind, bytes, admin);
  expect(r.statusCode, r.body).toBe(202);
  const { id } = r.json();
  await app.imports.idle();
  const job = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: admin });
  expect(job.statusCode).toBe(200);
  return job.json();
}

/** The rejects report as rows of [line, column, reason]. */
async function rejects(id: number): Promise<Array<{ line: number; column: string; reason: string }>> {
  const r = await app.inject({ method: 'GET', url: `/api/imports/${id}/rejects.csv`, headers: admin });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/csv/);
  const { parse } = await import('csv-parse/sync');
  const rows = parse(r.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
  return rows.map((x) => ({ line: Number(x.line), column: x.column, reason: x.reason }));
}

const EXPECTED: Record<BadKind, { column: string; reason: RegExp }> = {
  'bad code': { column: 'village_code', reason: /names no village/ },
  'bad flag': { column: 'newborn_weight', reason: /must be 0 or 1/ },
  'missing column': { column: '', reason: /has 28 field\(s\); the header has 29/ },
  'broken quoting': { column: '', reason: /broken quoting/ },
  'bad UTF-8': { column: 'head_name', reason: /not valid UTF-8/ },
  'outside the village': { column: 'lon,lat', reason: /lies outside village/ },
  duplicate: { column: 'house_code', reason: /repeats the survey_year and house_code of line \d+/ },
};

/** Job `id` rejected exactly the bad lines of `f`, each once, with its column and reason. */
async function expectEveryBadLineReported(id: number, f: ReturnType<typeof householdFile>) {
  const report = await rejects(id);
  expect(new Set(report.map((r) => r.line))).toEqual(new Set(f.bad.keys()));
  for (const [line, kind] of f.bad) {
    const problems = report.filter((r) => r.line === line);
    expect(problems, `line ${line} (${kind})`).toHaveLength(1);
    expect(problems[0].column, `line ${line} (${kind})`).toBe(EXPECTED[kind].column);
    expect(problems[0].reason, `line ${line} (${kind})`).toMatch(EXPECTED[kind].reason);
    // a duplicate names the line it repeats (ten lines earlier in these files)
    if (kind === 'duplicate') expect(problems[0].reason).toContain(`line ${line - 10}`);
  }
}

describe('household import', () => {
  let first: Record<string, unknown> & { id: number };

  it('imports every good line and reports every bad one with its line', async () => {
    // 1000 lines, 7 bad in every 100 (one of each kind): 70 rejected, 930 in.
    expect(file.bad.size).toBe(70);
    first = await importFile('households', file.bytes);
    expect(first).toMatchObject({ state: 'done', rows_read: 1000, rows_valid: 930, rows_rejected: 70, inserted: 930, updated: 0, unchanged: 0, error: null });
    const stored = await db('household').where({ survey_year: 2024 }).orderBy('house_code').pluck('house_code');
    expect(stored).toEqual([...file.good].sort());
    await expectEveryBadLineReported(first.id, file);
  });

  it('stores the values of the file, derived columns computed by the database', async () => {
    const h = await db('household').where({ survey_year: 2024, house_code: '910101010001' })
      .first('members', 'deprived', 'income_per_person', 'housing_problem', db.raw('st_x(geom) as lon'), db.raw('st_y(geom) as lat'));
    // line 2 (i = 0): members 1, income 20000, housing 1, flags where (j * 3) % 19 == 0: indicator 1 only
    expect(h).toMatchObject({ members: 1, deprived: 1, income_per_person: 20000, housing_problem: true, lon: 100.25, lat: 6.5 });
    const stats = await db('area_stats').where({ code: '91', survey_year: 2024 }).first('households');
    expect(stats.households).toBe(930); // the rollups were refreshed
  });

  it('re-importing the same file changes nothing (and bumps no data version)', async () => {
    const before = await tableChecksum(db, 'household');
    const version = await db('data_version').where({ name: 'households' }).first('version');
    const again = await importFile('households', file.bytes);
    expect(again).toMatchObject({ state: 'done', rows_read: 1000, rows_valid: 930, rows_rejected: 70, inserted: 0, updated: 0, unchanged: 930 });
    expect(await tableChecksum(db, 'household')).toBe(before);
    expect(await db('data_version').where({ name: 'households' }).first('version')).toEqual(version);
  });

  it('a changed line is an update, the others unchanged', async () => {
    const from = Buffer.from(',นายทดสอบ ลำดับ1,');
    const at = file.bytes.indexOf(from);
    const changed = Buffer.concat([file.bytes.subarray(0, at), Buffer.from(',นายแก้ไข ลำดับ1,'), file.bytes.subarray(at + from.length)]);
    const job = await importFile('households', changed);
    expect(job).toMatchObject({ state: 'done', inserted: 0, updated: 1, unchanged: 929 });
    expect((await db('household').where({ survey_year: 2024, house_code: '910101010001' }).first('head_name')).head_name).toBe('นายแก้ไข ลำดับ1');
  });

  it('a hand-made file reads the same: columns in another order, CRLF, quotes, spaces, a plus sign, no point', async () => {
    // Rows like these fail the plain checks of the validation and take its detailed path.
    const columns = [...HEADER].reverse();
    const canonical = (house: string, extra: Record<string, string>) => {
      const row: Record<string, string> = Object.fromEntries(HEADER.map((c) => [c, '0']));
      Object.assign(row, { survey_year: '2025', house_code: house, village_code: '91010101', head_name: 'นางสาวทดสอบ มือ',
        national_id: '3100000000001', lon: '100.25', lat: '6.5', members: '3', welfare_card_holders: '1',
        income_per_person: '45000', dependents: '1', housing_problem: '0', newborn_weight: '1' }, extra);
      return columns.map((c) => row[c]).join(',');
    };
    const text = [columns.join(','),
      canonical('910101019001', {}),
      canonical('910101019002', { members: ' 3 ', income_per_person: '+45000', head_name: '"นางสาวทดสอบ, มือ ""สอง"""' }),
      canonical('910101019003', { lon: '', lat: '' }),
    ].join('\r\n') + '\r\n';
    const versions2024 = async () => (await db.raw(`select xmin::text as v from household_access where survey_year = 2024 order by house_code`)).rows.map((r: { v: string }) => r.v);
    const before2024 = await versions2024();
    const job = await importFile('households', Buffer.from(text, 'utf8'));
    expect(job).toMatchObject({ state: 'done', rows_read: 3, rows_valid: 3, rows_rejected: 0, inserted: 3 });
    const rows = await db('household').where({ survey_year: 2025 }).orderBy('house_code')
      .select('house_code', 'head_name', 'members', 'income_per_person', 'deprived', db.raw('st_astext(geom) as point'));
    expect(rows).toEqual([
      { house_code: '910101019001', head_name: 'นางสาวทดสอบ มือ', members: 3, income_per_person: 45000, deprived: 1, point: 'POINT(100.25 6.5)' },
      { house_code: '910101019002', head_name: 'นางสาวทดสอบ, มือ "สอง"', members: 3, income_per_person: 45000, deprived: 1, point: 'POINT(100.25 6.5)' },
      { house_code: '910101019003', head_name: 'นางสาวทดสอบ มือ', members: 3, income_per_person: 45000, deprived: 1, point: null },
    ]);
    // service distances: measured for the new year's households; 2024's rows were not written again
    const [{ n }] = await db('household_access').where({ survey_year: 2025 }).count({ n: '*' });
    expect(Number(n)).toBe(3);
    expect(before2024).toHaveLength(930);
    expect(await versions2024()).toEqual(before2024);
  });

  it('a flag that is empty or two characters long is rejected, even where the flags together have the right length', async () => {
    // The plain path reads all flags as one string: an empty flag beside a "00" must not pass as 17
    // well-formed flags (it was stored shifted), nor an empty one reach a cast (it stopped the import).
    const line = (house: string, extra: Record<string, string>) => {
      const row: Record<string, string> = Object.fromEntries(HEADER.map((c) => [c, '0']));
      Object.assign(row, { survey_year: '2026', house_code: house, village_code: '91010101', head_name: 'นายทดสอบ ธง',
        national_id: '3100000000002', lon: '100.25', lat: '6.5', members: '2', welfare_card_holders: '0',
        income_per_person: '45000', dependents: '0' }, extra);
      return HEADER.map((c) => row[c]).join(',');
    };
    const text = [HEADER.join(','),
      line('910101018001', { housing_problem: '', newborn_weight: '00' }),
      line('910101018002', { housing_problem: '01', newborn_weight: '' }),
      line('910101018003', { exercise: '', disabled_care: '11' }),
      line('910101018004', { exercise: '1' }),
    ].join('\n') + '\n';
    const job = await importFile('households', Buffer.from(text, 'utf8'));
    expect(job).toMatchObject({ state: 'done', rows_read: 4, rows_valid: 1, rows_rejected: 3, inserted: 1 });
    const report = (await rejects(job.id)).map((r) => [r.line, r.column, r.reason.replace(/,.*$/, '')]);
    expect(report.sort()).toEqual([
      [2, 'housing_problem', 'is missing'], [2, 'newborn_weight', 'must be 0 or 1'],
      [3, 'housing_problem', 'must be 0 or 1'], [3, 'newborn_weight', 'is missing'],
      [4, 'disabled_care', 'must be 0 or 1'], [4, 'exercise', 'is missing'],
    ].sort());
    const stored = await db('household').where({ survey_year: 2026 }).select('house_code', 'deprived');
    expect(stored).toEqual([{ house_code: '910101018004', deprived: 8 }]);
  });

  it('a file whose header lacks a column fails as a whole, naming it, and changes nothing', async () => {
    const before = await tableChecksum(db, 'household');
    const text = file.bytes.toString('utf8').replace(',members,', ',people,');
    const job = await importFile('households', Buffer.from(text, 'utf8'));
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/unknown column\(s\) "people"/);
    expect(await tableChecksum(db, 'household')).toBe(before);
  });

  it('checked and merged in parts of 7 lines, a file imports and reports exactly as in one part', async () => {
    process.env.POVMAP_IMPORT_PART_ROWS = '7';
    try {
      // a new survey year: every part inserted; a duplicate repeats a line of an earlier part
      const inParts = householdFile(1000, 2031);
      const job = await importFile('households', inParts.bytes);
      expect(job).toMatchObject({ state: 'done', rows_read: 1000, rows_valid: 930, rows_rejected: 70, inserted: 930, updated: 0, unchanged: 0, error: null });
      expect(await db('household').where({ survey_year: 2031 }).orderBy('house_code').pluck('house_code')).toEqual([...inParts.good].sort());
      await expectEveryBadLineReported(job.id, inParts);
      expect((await db('area_stats').where({ code: '91', survey_year: 2031 }).first('households'))?.households).toBe(930);

      // new lines of a year not stored (inserted) then new lines of the stored 2031 (looked up), so one
      // part holds both years; the refresh must cover both
      const fresh = householdFile(200, 2032);
      const more = householdFile(1200, 2031);
      let at = 0;
      for (let n = 0; n <= 1000; n++) at = more.bytes.indexOf(0x0a, at) + 1; // past the header and 1000 lines
      const mixed = await importFile('households', Buffer.concat([fresh.bytes, more.bytes.subarray(at)]));
      expect(mixed).toMatchObject({ state: 'done', rows_read: 400, rows_valid: 372, rows_rejected: 28, inserted: 372, updated: 0, unchanged: 0 });
      expect(await db('household').where({ survey_year: 2032 }).orderBy('house_code').pluck('house_code')).toEqual([...fresh.good].sort());
      expect(await db('household').where({ survey_year: 2031 }).count({ n: '*' })).toEqual([{ n: 1116 }]);
      // the refresh owed for both parts' years was made
      for (const year of [2031, 2032]) {
        const { rows: [direct] } = await db.raw('select count(*)::int as n from household where survey_year = ? and province_code = ?', [year, '91']);
        expect((await db('area_stats').where({ code: '91', survey_year: year }).first('households')).households, String(year)).toBe(direct.n);
      }
    } finally {
      delete process.env.POVMAP_IMPORT_PART_ROWS;
    }
  });
});

describe('who may upload', () => {
  it('anonymous 401, analyst and public 403, with problem+json', async () => {
    const bytes = file.bytes.subarray(0, 2000);
    expect((await upload('households', bytes, {})).statusCode).toBe(401);
    for (const role of ['analyst', 'public'] as const) {
      const { headers } = await userWithToken(app, 'imports', role, role === 'analyst' ? ['TH'] : []);
      const r = await upload('households', bytes, headers);
      expect(r.statusCode).toBe(403);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await upload('assistance', bytes, headers)).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/imports/1', headers })).statusCode).toBe(403);
    }
    expect(await db('import_job').where('username', 'like', 'imports\\_analyst%').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('bad requests are 4xx naming the problem', async () => {
    const notMultipart = await app.inject({ method: 'POST', url: '/api/imports/households', payload: 'a,b\n', headers: { ...admin, 'content-type': 'text/csv' } });
    expect(notMultipart.statusCode).toBe(415);
    expect((await app.inject({ method: 'GET', url: '/api/imports/999999', headers: admin })).statusCode).toBe(404);
    const r = await app.inject({ method: 'GET', url: '/api/imports/abc', headers: admin });
    expect(r.statusCode).toBe(400);
    expect(r.json().parameter).toBe('id');
  });
});

describe('logbook import and progress per area', () => {
  it('imports good entries, rejects bad ones, and the area figures equal a direct count', async () => {
    const lines = [
      'survey_year,house_code,agency,done_on,dimension,stage,status,note',
      '2024,910101010001,อบต.,2024-02-01,health,survive,done,',          // 2 good
      '2024,910101010003,อบต.,2024-02-01,living,survive,planned,',       // 3 good
      '2024,910101010003,พมจ.,2024-05-01,income,sufficiency,done,"ฝึกอาชีพ, ติดตาม"', // 4 good
      '2024,910101020002,อบต.,2024-02-30,health,survive,done,',          // 5 bad date
      '2024,910101099999,อบต.,2024-02-01,health,survive,done,',          // 6 no such household
      '2024,910101010001,อบต.,2024-02-01,health,survive,done,',          // 7 repeats line 2
      '2024,910101010005,อบต.,2024-02-01,wealth,rescue,finished,',       // 8 three bad enums
      '2024,910101010007,กศน.,2024-03-01,education,sustainable,in_progress,', // 9 good, empty note
    ];
    const job = await importFile('assistance', Buffer.from(lines.join('\n') + '\n', 'utf8'));
    expect(job).toMatchObject({ state: 'done', rows_read: 8, rows_valid: 4, rows_rejected: 4, inserted: 4 });
    const report = await rejects(job.id);
    expect(report.map((r) => `${r.line} ${r.column}`)).toEqual(['5 done_on', '6 house_code', '7 ', '8 dimension', '8 stage', '8 status']);
    const again = await importFile('assistance', Buffer.from(lines.join('\n') + '\n', 'utf8'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });

    const { rows: [direct] } = await db.raw(`
      select count(*)::int as households, count(*) filter (where deprived <> 0)::int as targets,
             count(*) filter (where deprived <> 0 and exists (select 1 from assistance_log l where l.survey_year = h.survey_year
                              and l.house_code = h.house_code and l.status = 'done'))::int as helped
      from household h where survey_year = 2024 and province_code = '91'`);
    const r = await app.inject({ method: 'GET', url: '/api/areas/91/assistance?year=2024', headers: admin });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a).toMatchObject({ code: '91', year: 2024, households: direct.households, target_households: direct.targets, helped_households: direct.helped });
    expect(a.helped_share).toBeCloseTo(direct.helped / direct.targets, 12);
    // The tile rollup was refreshed by the import and agrees.
    const rollup = await db('area_assistance').where({ code: '91', survey_year: 2024 }).first();
    expect(rollup).toMatchObject({ households: direct.households, target_households: direct.targets, helped_households: direct.helped });
  });
});

describe('upload spool', () => {
  it('is a private folder (0700) with nothing left once jobs are done or failed', async () => {
    expect(await importFile('households', file.bytes)).toMatchObject({ state: 'done' });
    const failed = await importFile('households', Buffer.from('survey_year,people\n2024,3\n'));
    expect(failed.state).toBe('failed');
    expect(fs.statSync(spool).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(spool)).toEqual([]);
  });

  it('at start: removes the files of stopped processes and strays, keeps a live process\'s, makes the folder private again', async () => {
    const dir = path.join(spoolParent, 'orphans');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    const orphan = `upload-${gone}-${randomUUID()}.csv`;
    const live = `upload-${process.pid}-${randomUUID()}.csv`;
    for (const name of [orphan, live, 'stray.txt']) fs.writeFileSync(path.join(dir, name), 'survey_year\n', { mode: 0o644 });
    const other = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent', importSpoolDir: dir });
    try {
      await other.ready();
      expect(fs.readdirSync(dir)).toEqual([live]);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    } finally {
      await other.close();
    }
  });
});

describe('upload size limit', () => {
  it('refuses a file larger than IMPORT_MAX_BYTES with a 413 problem naming the file, keeping nothing', async () => {
    const limit = 4096;
    const small = await buildApp({ databaseUrl: scratch.url, logLevel: 'silent', importSpoolDir: spool, importMaxBytes: limit });
    try {
      const { headers } = await userWithToken(small, 'imports', 'admin');
      const jobsBefore = Number((await db('import_job').count({ n: '*' }))[0].n);
      const big = householdFile(200).bytes;
      expect(big.length).toBeGreaterThan(limit);
      const m = multipart('big.csv', big);
      const r = await small.inject({ method: 'POST', url: '/api/imports/households', payload: m.body, headers: { ...headers, ...m.headers } });
      expect(r.statusCode, r.body).toBe(413);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ status: 413, title: 'Payload Too Large', parameter: 'file' });
      expect(r.json().detail).toContain(`${limit} bytes`);
      expect(Number((await db('import_job').count({ n: '*' }))[0].n)).toBe(jobsBefore);
      expect(fs.readdirSync(spool)).toEqual([]);
      // a file within the limit goes through
      const fits = Buffer.from(`${HEADER.join(',')}\n`);
      expect(fits.length).toBeLessThanOrEqual(limit);
      const ok = multipart('small.csv', fits);
      const accepted = await small.inject({ method: 'POST', url: '/api/imports/households', payload: ok.body, headers: { ...headers, ...ok.headers } });
      expect(accepted.statusCode, accepted.body).toBe(202);
      await small.imports.idle();
      expect(fs.readdirSync(spool)).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('defaults to 4 GiB, and IMPORT_MAX_BYTES must be a whole number of bytes', () => {
    expect(app.imports.spool.maxBytes).toBe(4 * 1024 * 1024 * 1024);
    expect(loadConfig({ IMPORT_MAX_BYTES: '1048576' }).importMaxBytes).toBe(1048576);
    expect(loadConfig({}).importMaxBytes).toBeUndefined();
    for (const bad of ['', '1e9', '-1', '0', '12 MB', '99999999999999999999']) {
      expect(() => loadConfig({ IMPORT_MAX_BYTES: bad }), bad).toThrow(/IMPORT_MAX_BYTES/);
    }
  });
});
