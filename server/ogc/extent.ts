/** The spatial extent /ogc reports for every collection and tileset: the national outline's box (CRS84). */
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';

/** Thailand, for a database with no outline loaded yet. */
const THAILAND: [number, number, number, number] = [97.3, 5.6, 105.7, 20.5];

export async function countryBbox(db: Db): Promise<[number, number, number, number]> {
  const { rows } = await db.raw(sqlText('api/country_bbox.sql'));
  return rows[0]?.bbox ?? THAILAND;
}
