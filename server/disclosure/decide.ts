/**
 * The disclosure policy's decisions for one survey year, read from the rollups: the counts that do
 * not depend on the poverty cut-off, and the counts about the poor at a cut-off (the rollups' own,
 * score60 >= 20, when the decisions are stored; any other on request).
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { COUNT_CELLS, POOR_CELLS, isPoorCell } from './cells.js';
import { isRemainder, registryRemainders } from './registry-remainders.js';
import { decideSuppression, type AreaCells, type AreaCounts, type CellReason } from './suppression.js';

/** The poverty threshold (score × 60) of the rollups (k = 1/3). */
export const ROLLUP_THRESHOLD60 = 20;

/** Withheld cells about the poor at `threshold60`, per area code (areas withheld whole left out). */
export async function decidePoor(db: Knex, year: number, threshold60: number): Promise<Map<string, Record<string, CellReason>>> {
  const { rows } = await db.raw(sqlText('disclosure/poor_counts.sql'), { year, threshold: threshold60 });
  const out = new Map<string, Record<string, CellReason>>();
  for (const a of decideSuppression(rows as AreaCounts[], POOR_CELLS)) {
    const cells = Object.fromEntries(Object.entries(a.cells).filter(([cell]) => isPoorCell(cell)));
    if (!a.suppressed && Object.keys(cells).length) out.set(a.code, cells);
  }
  return out;
}

/**
 * Every area's decisions of one survey year at the rollups' cut-off. The registry figures' remainders
 * are decided as pseudo-children (registry-remainders.ts) and left out of the result.
 */
export async function decideYear(db: Knex, year: number): Promise<AreaCells[]> {
  const { rows } = await db.raw(sqlText('disclosure/area_counts.sql'), { year });
  const remainders = await registryRemainders(db, year, COUNT_CELLS);
  // the database counts the poor while this process decides the other cells, each on a core: the
  // query is sent once the event loop turns (knex sends it a few promise steps after the call), so
  // the deciding waits for that turn (national profile, one year: 4.4-5.2 s sequential, 3.8-4.5 s so)
  const poorDecided = decidePoor(db, year, ROLLUP_THRESHOLD60);
  poorDecided.catch(() => undefined); // awaited below; not an unhandled rejection should the deciding throw first
  await new Promise((resolve) => setImmediate(resolve));
  const decided = decideSuppression([...(rows as AreaCounts[]), ...remainders], COUNT_CELLS).filter((a) => !isRemainder(a.code));
  const poor = await poorDecided;
  // the poor cells join each area's own (fresh) record in place: copying 85,000 records of up to a
  // hundred cells each took 2.8 s on the national profile
  for (const a of decided) {
    const cells = a.suppressed ? undefined : poor.get(a.code);
    if (cells) Object.assign(a.cells, cells);
  }
  return decided;
}
