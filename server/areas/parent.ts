/**
 * The optional `parent` of the routes that list the areas of one level (hotspots, changes, light
 * mismatch): a province, district or subdistrict code above that level. Returns the admin_area column
 * that holds it, so callers filter with `a.<column> = parent`.
 */
import type { Knex } from 'knex';
import { ANCESTOR_COLUMN, CODE_DIGITS, levelOfCode, type AdminLevel } from '../../tiles/levels.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaOr404 } from './lookup.js';

export type AncestorColumn = (typeof ANCESTOR_COLUMN)[keyof typeof ANCESTOR_COLUMN];

/** The column of a parent code's level, or a 400 naming `parent` when the code is no parent of `level`. */
export function parentColumnOf(parent: string, level: AdminLevel): AncestorColumn {
  const parentLevel = levelOfCode(parent);
  if (!parentLevel || parentLevel === 'village') {
    throw new HttpProblem(400, `parent "${parent}" is not a province, district or subdistrict code (2, 4 or 6 digits)`, { parameter: 'parent' });
  }
  if (CODE_DIGITS[parentLevel] >= CODE_DIGITS[level]) {
    throw new HttpProblem(400, `parent ${parent} is not above the ${level} level`, { parameter: 'parent' });
  }
  return ANCESTOR_COLUMN[parentLevel];
}

/** As parentColumnOf, and a 404 naming `parent` when no area has that code. */
export async function parentColumn(db: Knex, parent: string, level: AdminLevel): Promise<AncestorColumn> {
  const column = parentColumnOf(parent, level);
  await areaOr404(db, parent, 'parent');
  return column;
}

/**
 * The bindings that keep a statement to the areas under a parent (`:province`, `:district`,
 * `:subdistrict`): the parent's code in its column, null in the others; all null for no parent.
 */
export function underParent(parent: string | undefined, column: AncestorColumn | undefined) {
  const at = (c: AncestorColumn) => (parent !== undefined && column === c ? parent : null);
  return { province: at('province_code'), district: at('district_code'), subdistrict: at('subdistrict_code') };
}
