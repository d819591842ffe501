/**
 * The import_job table: what an import is doing, read by GET /api/imports/{id} and the CLI. Rows
 * live in the database, so a job outlives the process that ran it; one whose process died is found
 * by `markInterrupted` and given the state that tells what happened to it (failed before its merge
 * committed; refresh_pending after, until server/imports/refresh-pending.ts has run its refresh).
 */
import os from 'node:os';
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import type { ImportKind } from './formats.js';

export const RUNNING_STATES = ['queued', 'reading', 'validating', 'merging', 'refreshing'] as const;
/** refresh_pending: merged, but the refresh of the published figures has still to run (its process stopped). */
export const JOB_STATES = [...RUNNING_STATES, 'refresh_pending', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface ImportJob {
  id: number;
  kind: ImportKind;
  source: string;
  state: JobState;
  rows_read: number;
  rows_valid: number;
  rows_rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error: string | null;
  username: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const JOB_COLUMNS = ['id', 'kind', 'source', 'state', 'rows_read', 'rows_valid', 'rows_rejected', 'inserted', 'updated',
  'unchanged', 'error', 'username', 'created_at', 'started_at', 'finished_at'];

/** Which process owns a queued job (it has no database connection yet). */
export const OWNER = `${os.hostname()}:${process.pid}`;

export async function createJob(db: Knex, kind: ImportKind, source: string, user: { id: number; username: string } | null): Promise<number> {
  const [{ id }] = await db('import_job')
    .insert({ kind, source: source.slice(0, 300), user_id: user?.id ?? null, username: user?.username ?? null, owner: OWNER })
    .returning('id');
  return Number(id);
}

export async function getJob(db: Knex, id: number): Promise<ImportJob | undefined> {
  return db('import_job').where({ id }).first(JOB_COLUMNS);
}

function processAlive(owner: string | null): boolean {
  if (!owner) return false;
  const [host, pid] = owner.split(':');
  if (host !== os.hostname()) return true; // cannot tell from here
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Settle every job left in a running state by a process that is gone (a running job whose
 * connection, backend_pid, no longer exists, or a queued job whose owning process on this host has
 * exited): failed if it stopped before its merge committed, refresh_pending if it stopped while
 * refreshing and still owes the refresh, done if it owed none (sql/import/fail_interrupted.sql).
 * Returns the ids settled.
 */
export async function markInterrupted(db: Knex): Promise<number[]> {
  const stale: Array<{ id: number; state: string; owner: string | null; alive: boolean }> = (await db.raw(sqlText('import/stale_jobs.sql'))).rows;
  const dead = stale.filter((j) => (j.state === 'queued' ? !processAlive(j.owner) : !j.alive)).map((j) => j.id);
  if (dead.length) {
    await db.raw(sqlText('import/fail_interrupted.sql'), [dead]);
  }
  return dead;
}

/** A job that could not be started (its upload could not be recorded): failed, with `reason`. */
export async function failJob(db: Knex, id: number, reason: string): Promise<void> {
  await db('import_job').where({ id }).update({ state: 'failed', error: reason, finished_at: db.fn.now() });
}

/**
 * The rejects report of a job: one row per problem, by line (inlined SQL, for COPY). Its result
 * columns are named as REJECT_HEADER, which copyCsv takes as the columns to neutralise.
 */
export function rejectsSql(db: Knex, jobId: number): string {
  return db('import_reject').where({ job_id: jobId }).select('line', { column: 'column_name' }, 'reason', 'raw').orderBy(['line', 'column_name']).toQuery();
}
export const REJECT_HEADER = ['line', 'column', 'reason', 'raw'];
