/** The q-quantile (0–1) of values sorted ascending: the value at ⌊q·n⌋, the last for q = 1. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
