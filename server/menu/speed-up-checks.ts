/**
 * The solution menu's part of "what to speed up" (GET /api/areas/{code}/speed-up, issue 24):
 *   targets_without_measure  BMN indicators some of the area's households fail that no menu item
 *                            addresses anywhere in the area; gap = those households.
 *   measures_over_capacity   menu items covering the area whose capacity per year is smaller than
 *                            the area's households they address at the least (those failing the
 *                            item's dimension, or the largest count failing one of its indicators);
 *                            gap = that count − capacity.
 * Both read only counts the disclosure policy publishes for the area (area_public; counts of 1-4
 * withheld, as for a public caller, whoever asks), the menu's own public definition and nothing
 * else: no count of matched households (per item and area those are small and not public). So no
 * new count is published, and a withheld count leaves its row out rather than showing a smaller gap.
 * The capacity check is a lower bound: an item's capacity is shared over its whole coverage and its
 * eligibility (groups, age, card) narrows who it serves, which only makes a listed item more short.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { Disclosure, type Withheld } from '../disclosure/policy.js';

/** One row of a menu check: what it is about and how large the gap is, for ranking. */
export interface MenuCheckItem { code: string; label: string; gap: number }

interface Decided { suppressed: boolean; cells: Withheld }

/** The published value of one of the area's cells, or null (withheld, or the area is suppressed). */
function published(row: Decided, cell: string, n: number | null): number | null {
  if (row.suppressed) return null;
  return new Disclosure(true, row.cells).count(cell, n);
}

const byGap = (a: MenuCheckItem, b: MenuCheckItem) => b.gap - a.gap || a.code.localeCompare(b.code);

export async function targetsWithoutMeasure(db: Knex, code: string, year: number): Promise<MenuCheckItem[]> {
  const { rows } = await db.raw(sqlText('api/speed_up_unaddressed.sql'), { code, year });
  return (rows as Array<Decided & { id: string; name_en: string; households: number }>).flatMap((r) => {
    const n = published(r, `deprived_${r.id}`, r.households);
    return n ? [{ code: r.id, label: r.name_en, gap: n }] : [];
  }).sort(byGap);
}

export async function measuresOverCapacity(db: Knex, code: string, year: number): Promise<MenuCheckItem[]> {
  const { rows } = await db.raw(sqlText('api/speed_up_over_capacity.sql'), { code, year });
  return (rows as Array<Decided & { code: string; title_en: string; capacity_per_year: number; addressed: Record<string, number> | null }>).flatMap((r) => {
    // the largest published count among the cells the item addresses; a withheld one is not used
    const counts = Object.entries(r.addressed ?? {}).map(([cell, n]) => published(r, cell, n)).filter((n): n is number => n !== null);
    if (!counts.length) return [];
    const gap = Math.max(...counts) - r.capacity_per_year;
    return gap > 0 ? [{ code: r.code, label: r.title_en, gap }] : [];
  }).sort(byGap);
}
