/**
 * One province's distances to the nearest school and clinic (or one part of them), in the caller's
 * transaction on one connection: the database says which households to measure
 * (sql/access/begin_household_access.sql) and sends them (COPY), this process finds each one's
 * nearest services (./nearest.ts) and sends the rows back (COPY) while the database stores the
 * previous ones, and the database counts the villages' demand points
 * (sql/access/end_household_access.sql).
 */
import type { Knex } from 'knex';
import type pg from 'pg';
import { sqlText } from '../../sql/load.js';
import { copyOut } from '../db/copy-out.js';
import { copyInLines, type CopyLines } from '../db/copy-text.js';
import { NearestSearch, serviceSet, type Nearest, type ServiceSet } from './nearest.js';

/** The services measured to, by kind. */
export interface AccessServices {
  school: ServiceSet;
  clinic: ServiceSet;
}

/** The schools and clinics with a location, as they are now in `db`. */
export async function loadAccessServices(db: Knex): Promise<AccessServices> {
  const rows = (await db.raw(sqlText('access/service_points.sql'))).rows as Array<{ id: number; service: string; lon: number; lat: number }>;
  return {
    school: serviceSet(rows.filter((r) => r.service === 'school')),
    clinic: serviceSet(rows.filter((r) => r.service === 'clinic')),
  };
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

/** Measures `unit` against `services` in the transaction `trx` (its connection does all three steps). */
export async function measureHouseholdAccess(trx: Knex.Transaction, services: AccessServices, unit: MeasuringUnit): Promise<Measured> {
  const { province, years, remeasure, part, parts } = unit;
  const [begun] = (await trx.raw(sqlText('access/begin_household_access.sql'), [province, years, remeasure, part, parts])).rows;
  // the transaction's own connection: access_todo is a temporary table of its session
  const conn = await trx.client.acquireConnection() as pg.Client;
  let measured: number;
  try {
    // kept as bytes: a line's fields up to the point go back as they came, never decoded
    const todo = Buffer.concat(await copyOut(conn, sqlText('access/measuring_todo.sql')));
    const school = new NearestSearch(services.school);
    const clinic = new NearestSearch(services.clinic);
    measured = await copyInLines(conn, sqlText('access/measuring_rows.sql'), lines(todo),
      (line, emit) => writeMeasuredRow(line, school, clinic, emit));
  } finally {
    await trx.client.releaseConnection(conn);
  }
  const [ended] = (await trx.raw(sqlText('access/end_household_access.sql'),
    [province, years, parts, begun.recount_demand, begun.owed_years, begun.left_provinces, begun.left_rows])).rows;
  return { measured, reused: Number(begun.reused), villagesChanged: Number(ended.villages_changed) };
}

/** A line of COPY text: `end` is its newline's offset (or the text's end). */
export interface Line {
  text: Buffer;
  start: number;
  end: number;
}

/** The lines of COPY text, one object reused for each (each is written before the next is read). */
function* lines(text: Buffer): Generator<Line> {
  const line: Line = { text, start: 0, end: 0 };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(NEWLINE, start);
    if (end < 0) end = text.length;
    line.start = start;
    line.end = end;
    yield line;
    start = end + 1;
  }
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const school: Nearest = { id: 0, metres: Infinity };
const clinic: Nearest = { id: 0, metres: Infinity };
const NONE = '\\N';

/**
 * A line of sql/access/measuring_todo.sql as a line of sql/access/measuring_rows.sql, given to
 * `emit`: its fields up to the point as they came, then the nearest school and clinic (nothing for a
 * household without a location, or when there is no service of a kind).
 */
export function writeMeasuredRow({ text, start, end }: Line, schools: NearestSearch, clinics: NearestSearch, emit: CopyLines): void {
  const latAt = text.lastIndexOf(TAB, end - 1);
  const lonAt = latAt > start ? text.lastIndexOf(TAB, latAt - 1) : -1;
  if (lonAt < start) throw new Error(`a household to measure without its point: ${text.toString('utf8', start, end)}`);
  emit.bytes(text, start, lonAt);
  const lonText = text.toString('latin1', lonAt + 1, latAt);
  if (lonText === NONE) {
    emit(`\t${NONE}\t${NONE}\t${NONE}\t${NONE}\n`);
    return;
  }
  const lon = Number(lonText);
  const lat = Number(text.toString('latin1', latAt + 1, end));
  emit(`\t${found(schools.find(lon, lat, school))}\t${found(clinics.find(lon, lat, clinic))}\n`);
}

const found = (n: Nearest) => (n.metres === Infinity ? `${NONE}\t${NONE}` : `${n.id}\t${n.metres}`);
