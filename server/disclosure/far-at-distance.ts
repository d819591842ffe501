/**
 * The policy's decisions about the accessibility counts at a distance other than the precomputed
 * 5 and 10 km (a caller's km): made over every area of the year, like the stored ones, so a parent
 * minus its children reveals nothing at that distance either; kept per data version, survey year
 * and distance. The caller withholds what either these or the stored decisions withhold.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { FAR_CELLS } from './cells.js';
import { decideSuppression, type AreaCounts, type CellReason } from './suppression.js';
import { keptPerDataVersion } from './kept.js';

type Decisions = Map<string, Record<string, CellReason>>;

async function decideFar(db: Knex, year: number, km: number): Promise<Decisions> {
  const { rows } = await db.raw(sqlText('disclosure/far_counts.sql'), { year, metres: km * 1000 });
  const out: Decisions = new Map();
  for (const a of decideSuppression(rows as AreaCounts[], FAR_CELLS)) {
    if (!a.suppressed && Object.keys(a.cells).length) out.set(a.code, a.cells);
  }
  return out;
}

export const farDecisionsAt = (db: Knex, year: number, km: number) => keptPerDataVersion(db, `far:${year}:${km}`, () => decideFar(db, year, km));
