/**
 * The optional `parent` of the routes that list the areas of one level (hotspots, light mismatch):
 * a province, district or subdistrict code above that level. Returns the admin_area column that
 * holds it, so callers filter with `a.<column> = parent`.
 */
import type { Knex } from 'knex';
import { HttpProblem } from '../plugins/problem.js';

export const LEVELS = ['province', 'district', 'subdistrict', 'village'] as const;
export type Level = (typeof LEVELS)[number];

const PARENT_COLUMN: Record<number, string> = { 2: 'province_code', 4: 'district_code', 6: 'subdistrict_code' };
const LEVEL_DEPTH: Record<Level, number> = { province: 2, district: 4, subdistrict: 6, village: 8 };

export async function parentColumn(db: Knex, parent: string, level: Level): Promise<string> {
  if (!/^\d{2}(\d{2}){0,2}$/.test(parent)) {
    throw new HttpProblem(400, `parent "${parent}" is not a province, district or subdistrict code (2, 4 or 6 digits)`, { parameter: 'parent' });
  }
  if (parent.length >= LEVEL_DEPTH[level]) {
    throw new HttpProblem(400, `parent ${parent} is not above the ${level} level`, { parameter: 'parent' });
  }
  const exists = await db('admin_area').where({ code: parent }).first('code');
  if (!exists) throw new HttpProblem(404, `no area with code ${parent}`, { parameter: 'parent' });
  return PARENT_COLUMN[parent.length];
}
