/**
 * Class breaks for the choropleth: quantiles (equal numbers of areas per class) or Jenks natural
 * breaks (classes that minimise the spread within each class). Both return the upper bounds of all
 * classes but the last, ascending and without duplicates, ready for a MapLibre `step` expression:
 * class i holds values v with breaks[i-1] <= v < breaks[i].
 */
export type Breaks = number[];

function cleanSorted(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

function dedupe(breaks: number[]): number[] {
  return breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);
}

/** Break i is the smallest value of class i+1, so that `step` puts equal counts in each class. */
export function quantileBreaks(values: readonly number[], classes: number): Breaks {
  const v = cleanSorted(values);
  if (v.length === 0 || classes < 2) return [];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    breaks.push(v[Math.min(v.length - 1, Math.floor((i * v.length) / classes))]);
  }
  // A break equal to the minimum would leave the first class empty.
  return dedupe(breaks).filter((b) => b > v[0]);
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
