/**
 * Household import files for the benchmarks, written from the rows of a database: its first `rows`
 * households (in key order), moved on by `yearShift` survey years so that importing the file inserts
 * that many new rows instead of replacing existing ones. Columns in the import format's order.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { Db } from '../../server/db/knex.js';
import { HOUSEHOLD_FORMAT } from '../../server/imports/formats.js';
import { INDICATORS } from '../../server/mpi/indicators.js';

export async function writeHouseholdFile(db: Db, file: string, rows: number, yearShift: number): Promise<void> {
  const flags = INDICATORS.map((i) => `(deprived >> ${i.number - 1}) & 1`).join(', ');
  const select = `select survey_year + ${yearShift}, house_code, village_code, head_name, national_id, st_x(geom), st_y(geom), members, welfare_card_holders,
    income_per_person, dependents, housing_problem::integer, ${flags}
    from (select * from household order by survey_year, house_code limit ${rows}) h`;
  const conn = await db.client.acquireConnection();
  try {
    const out = fs.createWriteStream(file);
    out.write(HOUSEHOLD_FORMAT.columns.filter((c) => !c.optional).map((c) => c.name).join(',') + '\n');
    await pipeline(conn.query(copyTo(`copy (${select}) to stdout with (format csv)`)), out);
  } finally {
    db.client.releaseConnection(conn);
  }
}
