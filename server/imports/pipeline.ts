/**
 * One import, start to finish, on a database connection of its own (never the server's pool; a
 * household file uses a second one to merge):
 *   reading     bytes → records (server/imports/records.ts) → COPY into the temp table
 *               import_stage in batches; unreadable lines → import_reject
 *   validating  sql/import/<kind>_validate.sql: every check in SQL, problems → import_reject,
 *               good rows → the temp table import_valid
 *   merging     sql/import/<kind>_merge.sql (or a COPY of new survey years) in ONE transaction:
 *               the whole good set or nothing; when it changed something the same transaction
 *               marks the refresh it owes (sql/import/refresh_mark.sql); server/imports/merge-transaction.ts
 *   refreshing  rollups (under MVCC), hotspots, data version, distances to services, for this job's
 *               mark and any left by an import that was stopped (server/imports/refresh-pending.ts)
 * A household file goes through the first three in parts of PART_ROWS lines: each part is checked as
 * soon as it is staged, then merged (in the one transaction, on the second connection) while the next
 * part is read and checked, so checking and storing overlap on two cores; the job's state says which
 * step the last part is in.
 * A job stopped before its merge committed is failed with nothing merged; one stopped after is
 * refresh_pending until the next start or import has run its refresh, then done.
 * The connection runs with a statement and a lock timeout and a bounded work_mem, so an import of
 * any size leaves the server's queries their memory and never waits long on a lock.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sqlText } from '../../sql/load.js';
import { connectionUrl, createDb, type Db } from '../db/knex.js';
import { idSecret } from '../linkage/secret.js';
import { FORMATS, headerProblem, type ImportKind } from './formats.js';
import type { ImportJob } from './jobs.js';
import { MergeTransaction } from './merge-transaction.js';
import { queryOn, type Query } from './query.js';
import { copyCsvLines, ImportFileError, readRecords, type BadRecord } from './records.js';
import { refreshPending } from './refresh-pending.js';

/**
 * Rows per COPY into the staging table; progress is written between batches. Large, because each
 * batch ends with a round trip in which the reader waits for the server and the server for the reader.
 */
export const COPY_BATCH = 200_000;

/**
 * Lines of a household file checked and merged as one part. The first part's checking is the time the
 * merge waits before it starts, so parts are smaller than a COPY batch, and the first ones smaller
 * still: FIRST_PART_ROWS, then twice as many each time up to PART_ROWS (25,000, 50,000, 100,000, …),
 * so the merging connection has work after a quarter of a part's checking. Near the end of a file
 * whose size is known they get smaller again, never more than half the lines left, down to
 * FIRST_PART_ROWS: the last part's check waits for the merge before it, and its own merge is the
 * one nothing overlaps, so a last part of 25,000 lines after one of 100,000 left up to a whole
 * part's merge at the end. Each part costs a few round trips and its copy to the merging connection.
 */
export const PART_ROWS = 100_000;
export const FIRST_PART_ROWS = 25_000;

/**
 * Lines of part `index` (0-based) when about `linesLeft` lines of the file are still to come, this
 * part's included (unknown: Infinity): see PART_ROWS. For tests POVMAP_IMPORT_PART_ROWS sets every
 * part's size (small parts, so small files are merged in several).
 */
export function partRows(index: number, linesLeft = Infinity): number {
  const rows = Number(process.env.POVMAP_IMPORT_PART_ROWS);
  if (Number.isInteger(rows) && rows > 0) return rows;
  const rampUp = Math.min(PART_ROWS, FIRST_PART_ROWS * 2 ** Math.min(index, 16));
  return Math.max(FIRST_PART_ROWS, Math.min(rampUp, Math.ceil(linesLeft / 2)));
}

/** About how many lines are still to come: the bytes left of `size` at the bytes per line read so far (Infinity when unknown). */
export function linesLeft(size: number | undefined, bytes: number, lines: number): number {
  if (!size || !bytes || !lines) return Infinity;
  return Math.max(0, size - bytes) / (bytes / lines);
}

export const IMPORT_SETTINGS = {
  statement_timeout: process.env.POVMAP_IMPORT_STATEMENT_TIMEOUT ?? '30min',
  lock_timeout: '10s',
  idle_in_transaction_session_timeout: '10min',
  work_mem: '64MB',
  maintenance_work_mem: '64MB',
};

/** The import's own database handle: one connection, the settings above. */
export function importDb(url: string): Db {
  return createDb(url, { min: 0, max: 1, applicationName: 'povmap-import', settings: IMPORT_SETTINGS });
}

export interface ImportProgress {
  /** Bytes of the source consumed so far. */
  bytes?(n: number): void;
  state?(state: string): void;
  rows?(read: number, rejected: number): void;
  /** A line about the work after the merge (each step of the refresh, with its milliseconds). */
  step?(line: string): void;
}

/** The counts a finished job reports. */
export type ImportResult = Pick<ImportJob, 'rows_read' | 'rows_valid' | 'rows_rejected' | 'inserted' | 'updated' | 'unchanged'>;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A value in COPY's text format (NUL is not allowed in text and is rejected before this). */
const copyText = (v: string) => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : v);

/** Writes rows to a COPY … FROM STDIN with backpressure; `end` waits until the server has them. */
class CopyWriter {
  private stream;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private done: Promise<void>;
  rows = 0;
  constructor(conn: pg.Client, sql: string) {
    this.stream = conn.query(copyFrom(sql));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    this.done.catch(() => undefined); // reported by end()
  }
  /** Queue `data` (holding `rows` rows); sent in pieces of at least 64 kB. */
  async write(data: string | Buffer, rows = 1) {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    this.rows += rows;
    if (this.pendingBytes >= 64 * 1024) await this.flush();
  }
  private async flush() {
    if (!this.pendingBytes) return;
    const ok = this.stream.write(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
    if (!ok) await once(this.stream, 'drain');
  }
  async end() {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}

interface StateCounts { rows_valid?: number; rows_rejected?: number }

async function setState(q: Query, jobId: number, state: string, counts: StateCounts = {}) {
  await q(sqlText('import/job_state.sql'), [jobId, state, counts.rows_valid ?? null, counts.rows_rejected ?? null]);
}

async function writeRejects(conn: pg.Client, jobId: number, bad: BadRecord[]) {
  if (!bad.length) return;
  const w = new CopyWriter(conn, 'copy import_reject (job_id, line, column_name, reason, raw) from stdin');
  for (const b of bad) {
    await w.write(`${jobId}\t${b.line}\t${b.column === null ? '\\N' : copyText(b.column)}\t${copyText(b.reason)}\t${copyText(b.raw.replace(/\0/g, '').slice(0, 2000))}\n`);
  }
  await w.end();
}

/** One statement with pg's own ($n) bindings on a connection of `db`. */
async function onePgQuery(db: Db, sql: string, params: unknown[]) {
  const conn: pg.Client = await db.client.acquireConnection();
  try {
    await conn.query(sql, params);
  } finally {
    db.client.releaseConnection(conn);
  }
}

/** The points where an import can be held for a test (see pauseAt). */
export const PAUSE_POINTS = ['reading', 'validating', 'merging', 'refreshing'] as const;

/**
 * Test hook, for the crash tests only (tests/integration/import-kill.test.ts): with
 * POVMAP_IMPORT_PAUSE_AT=<state> and POVMAP_IMPORT_PAUSE_FILE=F, an import that has done the work
 * of that state (reading: the whole file staged, for a household file its last part, the parts
 * before it checked and merged in the open transaction; validating: checked; merging: merged inside
 * its still open transaction; refreshing: merge committed, refresh not begun) writes F.paused (its pid)
 * and waits until F exists, so a test can kill it at a known point. Unset, it does nothing.
 */
async function pauseAt(state: (typeof PAUSE_POINTS)[number]) {
  const file = process.env.POVMAP_IMPORT_PAUSE_FILE;
  if (!file || process.env.POVMAP_IMPORT_PAUSE_AT !== state) return;
  fs.writeFileSync(`${file}.paused`, String(process.pid));
  while (!fs.existsSync(file)) await sleep(100);
}

/**
 * Run import job `jobId` (a row of import_job) of `kind` from `source`, a file of `size` bytes when
 * known (its last parts are then made smaller: PART_ROWS). Records progress in the job row; on
 * failure marks it failed with a reason and rethrows. `db` must be an importDb().
 */
export async function runImport(db: Db, jobId: number, kind: ImportKind, source: AsyncIterable<Buffer | string>, progress: ImportProgress = {},
  size?: number): Promise<ImportResult> {
  const format = FORMATS[kind];
  const inParts = kind === 'households';
  const conn: pg.Client = await db.client.acquireConnection();
  const q = queryOn(conn);
  // a household file's merge runs on a connection of its own (the import's handle holds one)
  const mergeDb = inParts ? importDb(connectionUrl(db)) : null;
  let mergeConn: pg.Client | null = null;
  let released = false;
  let committed = false;
  const release = () => {
    if (!released) db.client.releaseConnection(conn);
    released = true;
  };
  /** The merging connection gone: its open transaction, if any, rolled back by the server. */
  let mergeClosed = false;
  const closeMerge = async (err?: unknown) => {
    if (!mergeDb || mergeClosed) return;
    mergeClosed = true;
    if (mergeConn) {
      if (err) (mergeConn as pg.Client & { __knex__disposed?: unknown }).__knex__disposed = err;
      mergeDb.client.releaseConnection(mergeConn);
    }
    await mergeDb.destroy();
  };
  const state = async (s: string, counts: StateCounts = {}) => {
    progress.state?.(s);
    await setState(q, jobId, s, counts);
  };
  try {
    await state('reading');
    mergeConn = mergeDb ? await mergeDb.client.acquireConnection() : null;
    const merge = new MergeTransaction(mergeConn ?? conn, kind, format.refreshes, IMPORT_SETTINGS.lock_timeout);
    await q(sqlText('import/drop_stage.sql'));
    await q(sqlText('import/job_setting.sql'), [String(jobId)]);

    // The staging table takes the file's columns in the file's order (known names only, checked
    // first), so each record goes to COPY as it stands; format columns the file lacks (optional
    // ones) are staged empty. It is created once the header has been read.
    let stageSql = '';
    let copySql = '';
    const onHeader = (fields: string[]) => {
      const problem = headerProblem(format, fields);
      if (problem) throw new ImportFileError(`line 1: ${problem}; a ${kind} file has the columns ${format.columns.map((c) => c.name).join(', ')}`);
      const names = fields.map((f) => f.trim().toLowerCase());
      const absent = format.columns.filter((c) => !names.includes(c.name)).map((c) => c.name);
      const list = names.join(', ');
      stageSql = `create temp table import_stage (line bigint not null, ${[...names.map((n) => `${n} text not null`), ...absent.map((n) => `${n} text not null default ''`)].join(', ')})`;
      copySql = `copy import_stage (line, ${list}) from stdin with (format csv, force_not_null (${list}))`;
    };
    const createStage = async () => {
      if (stageSql) await q(stageSql);
      stageSql = '';
    };
    let read = 0;
    let parseRejected = 0;
    let bytes = 0;
    const counted = (async function* () {
      for await (const chunk of source) {
        bytes += chunk.length;
        progress.bytes?.(bytes);
        yield chunk;
      }
    })();
    let copy: CopyWriter | null = null;
    let bad: BadRecord[] = [];
    let valid = 0;
    /** Rows staged by the COPYs ended so far and not checked yet (a household file: of its current part). */
    let inStage = 0;
    /** A household file's parts checked so far. */
    let parts = 0;
    /** The staged rows checked (import_stage → import_valid and import_reject); the good ones counted. */
    const check = async () => {
      await q(sqlText(`import/${kind}_validate.sql`));
      const good = Number((await q(sqlText('import/valid_count.sql'))).rows[0].valid);
      valid += good;
      return good;
    };
    /** A household file's part: checked, handed to the merge, and the stage emptied for the next. */
    const checkPart = async () => {
      await merge.addFrom(conn, await check());
      await q('truncate import_stage');
      inStage = 0;
      parts += 1;
    };
    const endBatch = async () => {
      inStage += copy?.rows ?? 0;
      if (copy) await copy.end();
      copy = null;
      await writeRejects(conn, jobId, bad);
      parseRejected += bad.length;
      bad = [];
      await q(sqlText('import/job_rows.sql'), [jobId, read, parseRejected]);
      progress.rows?.(read, parseRejected);
    };
    // a COPY ends after COPY_BATCH rows; a household file's part after partRows(parts, …) staged
    // rows, the lines left counted from the part's start (its rows staged so far and the lines to come)
    const room = () => {
      const staged = (inParts ? inStage : 0) + (copy?.rows ?? 0);
      return (inParts ? partRows(parts, staged + linesLeft(size, bytes, read)) : COPY_BATCH) - staged;
    };
    for await (const batch of readRecords(counted, onHeader)) {
      read += batch.good.length + batch.bad.length;
      bad.push(...batch.bad);
      for (let from = 0; from < batch.good.length;) {
        const records = batch.good.slice(from, from + room());
        from += records.length;
        if (!copy) {
          await createStage();
          copy = new CopyWriter(conn, copySql);
        }
        await copy.write(copyCsvLines(records), records.length);
        if (room() <= 0) {
          await endBatch();
          if (inParts) await checkPart();
        }
      }
      if (bad.length >= COPY_BATCH) await endBatch();
      // Let other work on this event loop run between batches (an upload runs inside the server).
      await new Promise(setImmediate);
    }
    await endBatch();
    if (!copySql) throw new ImportFileError('the file is empty: it needs a header row naming the columns');
    await createStage(); // a header and no good record
    await pauseAt('reading');

    await state('validating');
    if (inParts) {
      if (inStage > 0) await checkPart(); // the rest after the last full part
    } else {
      // a registry's national ids are hashed with the server secret inside its validation
      if (kind === 'registry') await q(sqlText('import/registry_secret.sql'), [idSecret()]);
      await check();
    }
    const rejected = Number((await q(sqlText('import/rejected_count.sql'), [jobId])).rows[0].rejected);
    await pauseAt('validating');
    await state('merging', { rows_valid: valid, rows_rejected: rejected });
    if (!inParts) await merge.add();
    await merge.settle();
    await pauseAt('merging');
    await merge.commit(jobId, valid);
    const { inserted, updated } = merge;
    committed = true;
    await closeMerge();
    progress.state?.('refreshing');
    await q(sqlText('import/drop_stage.sql'));
    release();
    await pauseAt('refreshing');
    // This job's refresh if its merge changed something, and any an earlier import left owed (so a
    // re-import of the same file after a crash still brings the figures up to date); none: no
    // refresh, and the data version stays as it is.
    await refreshPending(db, (line) => progress.step?.(line));
    await onePgQuery(db, sqlText('import/job_done.sql'), [jobId]);
    progress.state?.('done');
    return { rows_read: read, rows_valid: valid, rows_rejected: rejected, inserted, updated, unchanged: valid - inserted - updated };
  } catch (err) {
    await closeMerge(err).catch(() => undefined);
    const reason = err instanceof ImportFileError ? err.message : 'the import stopped on an internal error; it has been logged and nothing was merged';
    try {
      if (committed) {
        // The merge is in: not failed but refresh_pending (done when it owed no refresh).
        release();
        await onePgQuery(db, sqlText('import/refresh_failed.sql'), [[jobId]]);
      } else {
        // The connection may be mid-COPY or mid-transaction: let the pool discard it (the server rolls
        // back). A file refused for its header is refused before any COPY: the connection is clean.
        if (!released && !(err instanceof ImportFileError)) (conn as pg.Client & { __knex__disposed?: unknown }).__knex__disposed = err;
        release();
        await db('import_job').where({ id: jobId }).update({ state: 'failed', error: reason, finished_at: db.fn.now() });
      }
    } catch { /* the database is gone: the job is marked interrupted by the next process */ }
    throw err;
  } finally {
    release();
  }
}
