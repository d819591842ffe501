/**
 * One named step of a long job (a refresh after an import), logged when it starts and again with its
 * milliseconds when it ends, so the operator and the benchmarks see where the time goes.
 */
export type Log = (step: string) => void;

export async function timedStep<T>(log: Log, step: string, work: () => Promise<T>): Promise<T> {
  log(step);
  const started = performance.now();
  const result = await work();
  log(`${step}: ${stepMilliseconds(started)}`);
  return result;
}

/** "1,234 ms" since `started` (a performance.now()). */
export function stepMilliseconds(started: number): string {
  return `${Math.round(performance.now() - started).toLocaleString('en')} ms`;
}
