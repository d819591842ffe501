/**
 * Which counts of one survey year the public may not see: the disclosure policy's decisions, made
 * once per refresh over every area (server/disclosure/refresh.ts writes them to the table area_public,
 * which the tiles and the API read). Pure and in memory: the national profile is 85,000 areas ×
 * 107 cells a year, and deciding them takes 1 to 2 s (six passes), where the same fixed point in SQL
 * took minutes.
 *
 * 1. Primary suppression (threshold rule, n = 5). An area with 1 to 4 households is withheld whole
 *    ('area-under-5'): only its name and code are published. Otherwise a count from 1 to 4 is
 *    withheld ('count-1-4'), and so is a count of the people of 1 to 4 households (a family's
 *    size). Zero is published: "nobody" discloses nobody.
 * 2. Complementary suppression ('complementary'), the standard rule that no published margin has a
 *    single withheld cell, applied until nothing changes:
 *    a. within an area, for each partition (cells/partOf) whose total is published: exactly one
 *       withheld part takes the smallest published non-zero part with it, or the total when there
 *       is none;
 *    b. across the hierarchy, for each cell of a published parent: exactly one withheld child takes
 *       the smallest published non-zero sibling with it, or the parent's cell when there is none
 *       (an area withheld whole counts as a withheld child in every cell; a parent of 0 tells only
 *       that every child has 0, which is published);
 *    c. a complementary value whose parts are all published (its children, or the parts of the
 *       partition it totals) would be their sum: its two smallest non-zero parts are withheld too.
 *    Ties go to the smaller value, then to the earlier cell or the smaller area code, so the result
 *    depends on the counts alone. Cells are only ever added, so the passes end.
 */
import { cellIndex, type Cell } from './cells.js';
import { withheldRecord } from './withheld-record.js';

export const MIN_CELL = 5;
export type CellReason = 'area-under-5' | 'count-1-4' | 'complementary';

export interface AreaCounts {
  code: string;
  /** The parent's code, null for the country. */
  parent: string | null;
  /** One count per cell, in the order of `cells`. */
  counts: ArrayLike<number>;
}

export interface AreaCells {
  code: string;
  /** 1 to 4 households: everything withheld, `cells` left empty. */
  suppressed: boolean;
  /** Withheld cells, name → reason. */
  cells: Record<string, CellReason>;
}

const NONE = 0, UNDER_5 = 1, SMALL = 2, COMPLEMENTARY = 3;
const REASON_NAMES: Record<number, CellReason> = { [UNDER_5]: 'area-under-5', [SMALL]: 'count-1-4', [COMPLEMENTARY]: 'complementary' };
const isSmall = (n: number) => n > 0 && n < MIN_CELL;
/** Safety net: real hierarchies settle in a handful of passes. */
const MAX_PASSES = 1000;

export function decideSuppression(input: AreaCounts[], cells: readonly Cell[]): AreaCells[] {
  const areas = [...input].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const n = areas.length;
  const width = cells.length;
  const index = cellIndex(cells);
  const value = new Float64Array(n * width);
  const reason = new Uint8Array(n * width);
  for (let i = 0; i < n; i++) {
    const counts = areas[i].counts;
    if (counts.length !== width) throw new Error(`area ${areas[i].code}: ${counts.length} counts for ${width} cells`);
    for (let c = 0, at = i * width; c < width; c++, at++) value[at] = Number(counts[c]);
  }

  const partitions = partitionsOf(cells, index);
  const groupOf = cells.map((c) => (c.peopleOf === undefined ? -1 : index.get(c.peopleOf)!));
  const children = childrenOf(areas);
  const households = index.get('households');
  if (households === undefined) throw new Error('the cells must include households');

  // 1. primary suppression
  for (let i = 0; i < n; i++) {
    const row = i * width;
    const under5 = isSmall(value[row + households]);
    for (let c = 0; c < width; c++) {
      if (under5) reason[row + c] = UNDER_5;
      else if (isSmall(value[row + c]) || (value[row + c] > 0 && groupOf[c] >= 0 && isSmall(value[row + groupOf[c]]))) reason[row + c] = SMALL;
    }
  }

  // 2. complementary suppression, until a pass changes nothing
  let changed = true;
  /** Cells made complementary and not yet checked by rule c. */
  const unchecked: number[] = [];
  const withhold = (at: number) => {
    reason[at] = COMPLEMENTARY;
    changed = true;
    unchecked.push(at);
  };
  /** The `count` smallest published non-zero cells among `at` (in tie order), withheld; how many were. */
  const withholdSmallest = (at: number[], count: number): number => {
    const open = at.filter((x) => reason[x] === NONE && value[x] > 0).sort((x, y) => value[x] - value[y]);
    open.slice(0, count).forEach(withhold);
    return Math.min(open.length, count);
  };
  const partitionsOfTotal = new Map<number, typeof partitions>();
  for (const p of partitions) partitionsOfTotal.set(p.total, [...(partitionsOfTotal.get(p.total) ?? []), p]);
  let passes = 0;
  while (changed) {
    changed = false;
    if (++passes > MAX_PASSES) throw new Error(`complementary suppression did not settle after ${MAX_PASSES} passes`);
    for (let i = 0; i < n; i++) {
      const row = i * width;
      if (reason[row + households] === UNDER_5) continue;
      // a. one withheld part of a partition whose total is published
      for (const p of partitions) {
        if (reason[row + p.total] !== NONE) continue;
        let withheldParts = 0;
        for (const c of p.parts) if (reason[row + c] !== NONE) withheldParts++;
        if (withheldParts !== 1) continue;
        if (!withholdSmallest(p.parts.map((c) => row + c), 1)) withhold(row + p.total);
      }
    }
    for (const [parent, kids] of children) {
      // b. one withheld child under a published parent
      for (let c = 0; c < width; c++) {
        // a parent of 0 has only children of 0, which zero itself publishes
        if (reason[parent * width + c] !== NONE || value[parent * width + c] === 0) continue;
        let withheldKids = 0;
        for (const k of kids) if (reason[k * width + c] !== NONE && ++withheldKids > 1) break;
        if (withheldKids !== 1) continue;
        if (!withholdSmallest(kids.map((k) => k * width + c), 1)) withhold(parent * width + c);
      }
    }
    // c. a complementary value must not be the sum of published parts (checked once: a part once
    //    withheld stays withheld)
    while (unchecked.length) {
      const at = unchecked.pop()!;
      const i = Math.floor(at / width), c = at % width;
      const kids = children.get(i);
      if (kids) {
        const parts = kids.map((k) => k * width + c);
        if (parts.every((x) => reason[x] === NONE)) withholdSmallest(parts, 2);
      }
      for (const p of partitionsOfTotal.get(c) ?? []) {
        const parts = p.parts.map((x) => i * width + x);
        if (parts.every((x) => reason[x] === NONE)) withholdSmallest(parts, 2);
      }
    }
  }

  return areas.map((a, i) => {
    const row = i * width;
    if (reason[row + households] === UNDER_5) return { code: a.code, suppressed: true, cells: withheldRecord<CellReason>() };
    const out = withheldRecord<CellReason>();
    for (let c = 0; c < width; c++) if (reason[row + c] !== NONE) out[cells[c].name] = REASON_NAMES[reason[row + c]];
    return { code: a.code, suppressed: false, cells: out };
  });
}

function partitionsOf(cells: readonly Cell[], index: Map<string, number>): Array<{ total: number; parts: number[] }> {
  const byKey = new Map<string, { total: number; parts: number[] }>();
  cells.forEach((c, i) => {
    if (c.partOf === undefined) return;
    const total = index.get(c.partOf);
    if (total === undefined) throw new Error(`cell ${c.name} is part of ${c.partOf}, which is not a cell`);
    const key = `${c.partOf}/${c.partition ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, { total, parts: [] });
    byKey.get(key)!.parts.push(i);
  });
  return [...byKey.values()];
}

/** Parent position → its children's positions in code order (areas are sorted by code). */
function childrenOf(areas: AreaCounts[]): Map<number, number[]> {
  const position = new Map(areas.map((a, i) => [a.code, i]));
  const out = new Map<number, number[]>();
  areas.forEach((a, i) => {
    if (a.parent === null) return;
    const parent = position.get(a.parent);
    if (parent === undefined) throw new Error(`area ${a.code}: its parent ${a.parent} has no counts`);
    if (!out.has(parent)) out.set(parent, []);
    out.get(parent)!.push(i);
  });
  return out;
}
