/**
 * The disclosure policy decides again over the rollups as they are now, every survey year, and
 * writes what the public may see (area_public). `refreshFirst` refreshes the rollups themselves: a
 * SQL file's name (sql/refresh/rollups.sql, …) or a function given the transaction. It runs in the
 * same transaction, so readers see
 * the old counts with the old decisions or the new with the new, never a mix. Readers are never
 * blocked (the rollups refresh concurrently, area_public is written under MVCC). The stored tile
 * figures (tile_area_metrics) are made again in the same transaction, so a tile never shows counts
 * of one refresh with decisions of another.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sqlText } from '../../sql/load.js';
import { decideYear } from './decide.js';
import { POLICY_VERSION } from './version.js';
import type { AreaCells } from './suppression.js';
import { withheldFigures, type CellDecision } from './tile-figures.js';

export interface DisclosureFigures {
  years: number;
  areas: number;
  /** Areas withheld whole (1 to 4 households). */
  suppressed: number;
  /** Single withheld cells of the other areas. */
  cells: number;
  milliseconds: number;
  /** Whether any decision differs from those it replaced (what rests on them must then follow). */
  changed: boolean;
}

export type RollupRefresh = string | ((trx: Knex.Transaction) => Promise<void>);

export async function refreshDisclosure(db: Knex, refreshFirst?: RollupRefresh): Promise<DisclosureFigures> {
  const started = Date.now();
  const figures: DisclosureFigures = { years: 0, areas: 0, suppressed: 0, cells: 0, milliseconds: 0, changed: false };
  await db.transaction(async (trx) => {
    await trx.raw(sqlText('disclosure/lock.sql'));
    const before = await fingerprint(trx);
    if (typeof refreshFirst === 'string') await trx.raw(sqlText(refreshFirst));
    else if (refreshFirst) await refreshFirst(trx);
    const { rows: years } = await trx.raw(sqlText('disclosure/survey_years.sql'));
    let previous = new Map<string, CellDecision>();
    for (const { survey_year: year } of years as Array<{ survey_year: number }>) {
      const decided: AreaCells[] = await decideYear(trx, year);
      const rows = decided.map((a) => ({ ...a, withheld: withheldFigures(a, previous.get(a.code)) }));
      await trx.raw(sqlText('disclosure/delete_year.sql'), { year });
      await copyYear(trx, year, rows);
      previous = new Map(decided.map((a) => [a.code, a]));
      figures.years++;
      figures.areas += decided.length;
      for (const a of decided) {
        if (a.suppressed) figures.suppressed++;
        figures.cells += Object.keys(a.cells).length;
      }
    }
    await trx.raw(sqlText('disclosure/forget_years.sql'));
    await trx.raw(sqlText('disclosure/record_version.sql'), { version: POLICY_VERSION });
    figures.changed = (await fingerprint(trx)) !== before;
    await trx.raw(sqlText('refresh/tile_area_metrics.sql'));
  });
  figures.milliseconds = Date.now() - started;
  return figures;
}

const fingerprint = async (db: Knex) => (await db.raw(sqlText('disclosure/fingerprint.sql'))).rows[0].fingerprint as string;

/** COPY is four times faster than one insert of the year's rows as JSON (2.4 s against 9.5 s, demo). */
async function copyYear(trx: Knex.Transaction, year: number, rows: Array<AreaCells & { withheld: object }>): Promise<void> {
  // JSON text has no tab, newline or carriage return of its own (it escapes them); COPY's text
  // format needs only its backslashes doubled
  const text = (v: object) => JSON.stringify(v).replaceAll('\\', '\\\\');
  const line = (r: (typeof rows)[number]) => `${year}\t${r.code}\t${r.suppressed ? 't' : 'f'}\t${text(r.cells)}\t${text(r.withheld)}\n`;
  const lines = function* () {
    for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000).map(line).join('');
  };
  const conn: pg.Client = await trx.client.acquireConnection();
  await pipeline(Readable.from(lines()), conn.query(copyFrom(sqlText('disclosure/copy_year.sql'))));
}

/** The decisions in area_public were made by another version of the policy, or by none. */
export async function disclosureOutdated(db: Knex): Promise<boolean> {
  const { rows } = await db.raw(sqlText('disclosure/recorded_version.sql'));
  return rows[0]?.version !== POLICY_VERSION;
}

/** Have the next preparation of the data decide again (ensureDerivedData, server/db/refresh.ts). */
export async function markDisclosureOutdated(db: Knex): Promise<void> {
  await db.raw(sqlText('disclosure/forget_version.sql'));
}
