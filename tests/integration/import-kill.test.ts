/**
 * A CLI import killed (SIGKILL) inside its merge transaction leaves the household table exactly as
 * it was, and the job is marked failed by the next process that looks. The CLI runs as a child
 * process against a scratch database; the test hook POVMAP_IMPORT_PAUSE_IN_MERGE makes it wait
 * inside the transaction, after the upsert, until the test has killed it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/knex.js';
import { markInterrupted } from '../../server/imports/jobs.js';
import { insertFixtureAreas, scratchDatabase } from '../helpers/database.js';
import { householdFile, tableChecksum } from '../helpers/imports.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-kill-'));

beforeAll(async () => {
  scratch = await scratchDatabase('povmap_import_kill');
  db = createDb(scratch.url, { max: 2 });
  await insertFixtureAreas(db);
});

afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run the import CLI on `file`; resolves with its exit code and output. */
function cli(file: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/cli/import-file.ts'), 'households', '--file', file], {
    cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: scratch.url, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exit = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })));
  return { child, exit };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('killed during the merge', () => {
  it('leaves household exactly as before; the job is then marked failed', async () => {
    // Some households already there, so "before" is not just empty.
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, householdFile(200, 2023).bytes);
    const ok = await cli(first).exit;
    expect(ok.code, ok.output).toBe(0);
    const before = await tableChecksum(db, 'household');
    expect(before).toMatch(/^186:/);

    const second = path.join(dir, 'second.csv');
    fs.writeFileSync(second, householdFile(1000, 2024).bytes);
    const hook = path.join(dir, 'release');
    const run = cli(second, { POVMAP_IMPORT_PAUSE_IN_MERGE: hook });
    await waitFor(() => fs.existsSync(`${hook}.paused`), 'the import to reach the merge');
    // Inside the transaction: the upsert has run but is not committed, so nobody else sees it.
    expect(await tableChecksum(db, 'household')).toBe(before);
    const job = await db('import_job').orderBy('id', 'desc').first();
    expect(job.state).toBe('merging');
    const pid = Number(fs.readFileSync(`${hook}.paused`, 'utf8'));
    process.kill(pid, 'SIGKILL');
    const killed = await run.exit;
    expect(killed.signal).toBe('SIGKILL');
    // The server notices the dropped connection and rolls back.
    await waitFor(async () => Number((await db.raw(`select count(*) as n from pg_stat_activity where application_name = 'povmap-import' and datname = current_database()`)).rows[0].n) === 0,
      'the killed import\'s connection to go away');
    expect(await tableChecksum(db, 'household')).toBe(before);
    expect(await db('household').where({ survey_year: 2024 }).count({ n: '*' })).toEqual([{ n: 0 }]);

    expect(await markInterrupted(db)).toEqual([job.id]);
    const after = await db('import_job').where({ id: job.id }).first();
    expect(after.state).toBe('failed');
    expect(after.error).toMatch(/^interrupted while merging/);
  });
});
