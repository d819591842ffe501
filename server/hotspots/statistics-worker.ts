/**
 * The worker thread that runs hotspot statistics (server/hotspots/compute.ts) for
 * server/hotspots/workers.ts: one job at a time, { id, input } in, { id, output } or { id, error } out.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { computeStatistics, type StatisticsInput } from './compute.js';

if (!parentPort) throw new Error('statistics-worker.ts runs as a worker thread (server/hotspots/workers.ts starts it)');

/**
 * This thread yields the CPU to the event loop: on Linux a thread has its own nice value, set through
 * its thread id (/proc/thread-self names it), so on 2 busy cores /health and the cheap routes are
 * scheduled before a long statistics job. Elsewhere, or if not allowed, the thread keeps the
 * process's priority.
 */
export const WORKER_NICE = 10;
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, WORKER_NICE);
} catch {
  // not Linux, or not permitted
}
const port = parentPort;
port.on('message', ({ id, input }: { id: number; input: StatisticsInput }) => {
  try {
    const output = computeStatistics(input);
    port.postMessage({ id, output }, Object.values(output).map((a: ArrayBufferView) => a.buffer as ArrayBuffer));
  } catch (err) {
    port.postMessage({ id, error: (err as Error).message });
  }
});
