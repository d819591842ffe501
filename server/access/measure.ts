/**
 * One province's distances to the nearest school and clinic (or one part of them), in the caller's
 * transaction on one connection: the database says which households to measure
 * (sql/access/begin_household_access.sql) and sends them (COPY), a thread of this process finds
 * each one's nearest services (./measuring-worker.ts, ./nearest.ts) and the rows go back (COPY)
 * while the database stores the previous ones, and the database counts the villages' demand points
 * (sql/access/end_household_access.sql).
 */
import type { Knex } from 'knex';
import type pg from 'pg';
import { sqlText } from '../../sql/load.js';
import { copyOut } from '../db/copy-out.js';
import { copyInChunks } from '../db/copy-text.js';
import { CopyThread, threadEntry } from '../db/copy-thread.js';
import { servicePoints, type ServicePoints } from './nearest.js';

/** The services measured to, by kind. */
export interface AccessServices {
  school: ServicePoints;
  clinic: ServicePoints;
}

/** The schools and clinics with a location, as they are now in `db`. */
export async function loadAccessServices(db: Knex): Promise<AccessServices> {
  const rows = (await db.raw(sqlText('access/service_points.sql'))).rows as Array<{ id: number; service: string; lon: number; lat: number }>;
  return {
    school: servicePoints(rows.filter((r) => r.service === 'school')),
    clinic: servicePoints(rows.filter((r) => r.service === 'clinic')),
  };
}

/** A thread that measures one province at a time (./measuring-worker.ts), one per connection measuring at once. */
export type MeasuringThread = CopyThread<AccessServices>;

/** Starts a measuring thread with `services`; close it when done. */
export function measuringThread(services: AccessServices): MeasuringThread {
  return new CopyThread(threadEntry(import.meta.url, 'measuring'), services, 'measuring the distances');
}

/** What is measured: a province, its survey years (null: every year), and a part of its households. */
export interface MeasuringUnit {
  province: string;
  years: number[] | null;
  /** every household of the scope measured again (the services changed), or only those without distances for where they are */
  remeasure: boolean;
  part: number;
  parts: number;
}

/** What a measuring did: households measured, given another year's distances, and villages' demand points changed. */
export interface Measured {
  measured: number;
  reused: number;
  villagesChanged: number;
}

/** Measures `unit` in the transaction `trx` (its connection does all three steps) on `thread` (which holds the services). */
export async function measureHouseholdAccess(trx: Knex.Transaction, thread: MeasuringThread, unit: MeasuringUnit): Promise<Measured> {
  const { province, years, remeasure, part, parts } = unit;
  const [begun] = (await trx.raw(sqlText('access/begin_household_access.sql'), [province, years, remeasure, part, parts])).rows;
  // the transaction's own connection: access_todo is a temporary table of its session
  const conn = await trx.client.acquireConnection() as pg.Client;
  let measured: number;
  try {
    const todo = Buffer.concat(await copyOut(conn, sqlText('access/measuring_todo.sql')));
    measured = await copyInChunks(conn, sqlText('access/measuring_rows.sql'), thread.transform(todo));
  } finally {
    await trx.client.releaseConnection(conn);
  }
  const [ended] = (await trx.raw(sqlText('access/end_household_access.sql'),
    [province, years, parts, begun.recount_demand, begun.owed_years, begun.left_provinces, begun.left_rows])).rows;
  return { measured, reused: Number(begun.reused), villagesChanged: Number(ended.villages_changed) };
}

