/**
 * Spatial weights in compressed-row form: area i's neighbours are `neighbours[offsets[i] ..
 * offsets[i+1])`, indexes into the same array of areas. The pairs are binary: Gi* uses them as they
 * are, with the area itself added (statistics.ts); local Moran's I row-standardises them (each
 * neighbour of i weighs 1 / its neighbour count). Queen pairs include areas closer than the snapping
 * tolerance of sql/functions/refresh_spatial_weights.sql (1 m), so hairline gaps count as touching.
 */
export interface Neighbours {
  codes: string[];
  offsets: Int32Array;
  neighbours: Int32Array;
}

/** Build from (code, neighbour code) pairs, keeping only pairs whose both ends are in `codes`. */
export function neighboursFromPairs(codes: string[], pairs: Array<[string, string]>): Neighbours {
  const index = new Map(codes.map((c, i) => [c, i]));
  const lists: number[][] = codes.map(() => []);
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined && i !== j) lists[i].push(j);
  }
  const offsets = new Int32Array(codes.length + 1);
  for (let i = 0; i < codes.length; i++) {
    lists[i] = [...new Set(lists[i])].sort((x, y) => x - y);
    offsets[i + 1] = offsets[i] + lists[i].length;
  }
  return { codes, offsets, neighbours: Int32Array.from(lists.flat()) };
}

/**
 * Build from each area's sorted, distinct neighbour indexes (sql/hotspots/neighbour_indexes.sql):
 * `lists` holds one row per area that has neighbours, in any order. Linear in the pairs, no hashing.
 */
export function neighboursFromIndexLists(codes: string[], lists: Array<{ i: number; js: number[] }>): Neighbours {
  const n = codes.length;
  const byArea: Array<number[] | undefined> = new Array(n);
  const offsets = new Int32Array(n + 1);
  for (const row of lists) {
    if (row.i < 0 || row.i >= n) throw new Error(`neighbour list for area index ${row.i} outside 0..${n - 1}`);
    byArea[row.i] = row.js;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + (byArea[i]?.length ?? 0);
  const neighbours = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) {
    const js = byArea[i];
    if (js) neighbours.set(js, offsets[i]);
  }
  return { codes, offsets, neighbours };
}

/** Areas with no neighbour at all. */
export function islands(w: Neighbours): string[] {
  return w.codes.filter((_, i) => w.offsets[i + 1] === w.offsets[i]);
}
