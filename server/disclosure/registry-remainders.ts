/**
 * Registry codes can be of any level (sql/functions/area_registry_stats.sql): a person coded only to
 * a district is in the district's and its parents' registry figures and in no subdistrict's, so a
 * parent's figure is not the sum of its children's and the policy's hierarchy rule alone would let
 * parent − Σ children tell 1 to 4 people. The remainder ("not coded below this level") becomes a
 * pseudo-child of each area in the policy's partition: a cell of its own, decided like a child
 * (withheld at 1 to 4, with a sibling or the parent withheld with it), never published itself. Its
 * counts are zero in every other cell, where the children still add up to their parent.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { REGISTRY_CELLS, cellIndex, type Cell } from './cells.js';
import type { AreaCounts } from './suppression.js';

/** The code of an area's pseudo-child: sorts after its real children, matches no area. */
export const remainderCode = (code: string) => `${code}~rest`;
export const isRemainder = (code: string) => code.endsWith('~rest');

/** The pseudo-children of one survey year with a non-zero remainder, as rows of `cells`. */
export async function registryRemainders(db: Knex, year: number, cells: readonly Cell[]): Promise<AreaCounts[]> {
  const index = cellIndex(cells);
  const at = REGISTRY_CELLS.map((c) => {
    const i = index.get(c.name);
    if (i === undefined) throw new Error(`the cells lack the registry cell ${c.name}`);
    return i;
  });
  const { rows } = await db.raw(sqlText('disclosure/registry_remainders.sql'), { year });
  return (rows as Array<{ code: string; counts: number[] }>).map((r) => {
    const counts = new Array<number>(cells.length).fill(0);
    at.forEach((i, k) => { counts[i] = Number(r.counts[k]); });
    return { code: remainderCode(r.code), parent: r.code, counts };
  });
}
