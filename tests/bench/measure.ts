/** Measuring helpers the API benchmarks share: request latencies, streamed line counts, peak memory. */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

/** One timed pass of a streamed export: rows, seconds and bytes. */
export interface ExportRun {
  rows: number;
  seconds: number;
  bytes: number;
}

/** `copySql` (a COPY … TO STDOUT) through psql, its output piped here and counted: the database's raw speed. */
export async function psqlCopyRun(databaseUrl: string, copySql: string): Promise<ExportRun> {
  const counter = lineCounter();
  const t = process.hrtime.bigint();
  const child = spawn('psql', ['-X', '-q', '-d', databaseUrl, '-c', copySql], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`)))));
  await pipeline(child.stdout, counter.sink);
  await exited;
  return { rows: counter.lines, seconds: Number(process.hrtime.bigint() - t) / 1e9, bytes: counter.bytes };
}

/** A CSV export fetched over a real socket and counted (rows: lines less the header). */
export async function httpCsvRun(port: number, path: string, headers: Record<string, string>): Promise<ExportRun> {
  const counter = lineCounter();
  const t = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`export ${path}: HTTP ${res.statusCode}`));
      pipeline(res, counter.sink).then(resolve, reject);
    }).on('error', reject);
  });
  return { rows: counter.lines - 1, seconds: Number(process.hrtime.bigint() - t) / 1e9, bytes: counter.bytes };
}

export const rowsPerSecond = (x: ExportRun) => x.rows / x.seconds;

/** The median of the runs' rows per second. */
export function medianRate(list: ExportRun[]): number {
  const sorted = list.map(rowsPerSecond).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
}
