/**
 * Class breaks for the choropleth, computed on the server from every area of a level (never from
 * the tiles a browser happened to load, so the legend does not change when the user zooms out):
 * quantiles (equal numbers of areas per class), Jenks natural breaks (classes that minimise the
 * spread within each class), or classes symmetric around zero (a change). All return the lower
 * bounds of all classes but the first, ascending and without duplicates, ready for a MapLibre
 * `step` expression: class i holds values v with breaks[i-1] <= v < breaks[i]. Pure functions.
 */
export type Breaks = number[];

function cleanSorted(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

function dedupe(breaks: number[]): number[] {
  return breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);
}

/**
 * Quantile breaks that survive ties: each break starts a class holding an equal share of the areas
 * not yet classed, and identical values always stay in one class. When a tie fills a whole class
 * (most villages have an M0 of 0) the tie becomes a class of its own and the remaining areas are
 * split again, so the other classes are not lost.
 */
export function quantileBreaks(values: readonly number[], classes: number): Breaks {
  const v = cleanSorted(values);
  const breaks: number[] = [];
  let lo = 0;
  let left = classes;
  while (left > 1 && lo < v.length) {
    let at = lo + Math.ceil((v.length - lo) / left);
    if (at >= v.length) break;
    // the class may not end inside a tie that started it: move to the first value above the tie
    if (v[at] === v[lo]) {
      while (at < v.length && v[at] === v[lo]) at++;
      if (at >= v.length) break;
    } else {
      while (at > lo && v[at - 1] === v[at]) at--;
    }
    breaks.push(v[at]);
    lo = at;
    left--;
  }
  return breaks;
}

/**
 * Fisher-Jenks optimal classification by dynamic programming, O(k·n²). Large inputs are first
 * reduced to an evenly spaced sample of their sorted values, which keeps the breaks close to the
 * optimum and the time bounded (district and village levels have thousands of areas).
 */
export function jenksBreaks(values: readonly number[], classes: number, maxSample = 1000): Breaks {
  let v = cleanSorted(values);
  if (v.length === 0 || classes < 2) return [];
  if (v.length > maxSample) {
    const step = (v.length - 1) / (maxSample - 1);
    v = Array.from({ length: maxSample }, (_, i) => v[Math.round(i * step)]);
  }
  const n = v.length;
  const k = Math.min(classes, new Set(v).size);
  if (k < 2) return [];
  // lower[i][j]: index (1-based) where the last class starts for the best split of v[0..i-1] into j classes.
  const lower: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(0));
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(Infinity));
  for (let j = 1; j <= k; j++) {
    lower[1][j] = 1;
    cost[1][j] = 0;
  }
  for (let i = 2; i <= n; i++) {
    let s1 = 0;
    let s2 = 0;
    let w = 0;
    for (let m = 1; m <= i; m++) {
      const start = i - m + 1;
      const val = v[start - 1];
      s1 += val;
      s2 += val * val;
      w++;
      const variance = s2 - (s1 * s1) / w;
      if (start > 1) {
        for (let j = 2; j <= k; j++) {
          const c = variance + cost[start - 1][j - 1];
          if (c < cost[i][j]) {
            lower[i][j] = start;
            cost[i][j] = c;
          }
        }
      }
    }
    lower[i][1] = 1;
    cost[i][1] = s2 - (s1 * s1) / w;
  }
  const breaks: number[] = [];
  let end = n;
  for (let j = k; j >= 2; j--) {
    const start = lower[end][j];
    breaks.unshift(v[start - 1]);
    end = start - 1;
  }
  return dedupe(breaks).filter((b) => b > v[0]);
}

/** Which class (0-based) a value falls in, the same rule as MapLibre's `step`. */
export function classOf(value: number, breaks: Breaks): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

/**
 * Breaks for `classes` (odd) classes symmetric around zero, spanning the largest absolute value:
 * the middle class holds the changes closest to zero. Never all zero, so the step expression keeps
 * strictly increasing stops.
 */
export function symmetricBreaks(values: readonly number[], classes = 7): number[] {
  if (classes % 2 === 0 || classes < 3) throw new RangeError('symmetric breaks need an odd number of classes ≥ 3');
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  if (m === 0) m = 1e-6;
  // class width 2m / classes; breaks at the odd multiples of half a width on either side of zero
  const width = (2 * m) / classes;
  const half = (classes - 1) / 2;
  const breaks: number[] = [];
  for (let i = -half; i < half; i++) breaks.push((i + 0.5) * width);
  return breaks;
}

export interface ClassRange {
  /** Smallest and largest value of the areas in the class; null for a class no area falls in. */
  from: number | null;
  to: number | null;
  areas: number;
}

/**
 * What each class actually holds: the legend prints these ranges, so that two neighbouring
 * classes never print the same bound and a class is never shown wider than its areas.
 */
export function classRanges(values: readonly number[], breaks: Breaks): ClassRange[] {
  const ranges: ClassRange[] = Array.from({ length: breaks.length + 1 }, () => ({ from: null, to: null, areas: 0 }));
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const r = ranges[classOf(v, breaks)];
    r.areas++;
    r.from = r.from == null ? v : Math.min(r.from, v);
    r.to = r.to == null ? v : Math.max(r.to, v);
  }
  return ranges;
}
