/** Measuring helpers the API benchmarks share: request latencies, streamed line counts, peak memory. */
import { Writable } from 'node:stream';
import { quantile } from './quantile.js';

/** Run `run(i)` n times one after another; p50 and p95 of the wall times in ms. */
export async function timeRequests(run: (i: number) => Promise<void>, n: number): Promise<{ p50: number; p95: number; n: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), n };
}

/** Count newlines of a stream without keeping it. */
export function lineCounter() {
  let lines = 0;
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      cb();
    },
  });
  return { sink, get lines() { return lines; }, get bytes() { return bytes; } };
}

/** Sample the process's RSS every 20 ms until stopped; the peak. */
export function peakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return { stop: () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss); } };
}

export const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
export const ms = (n: number) => n.toFixed(1);
