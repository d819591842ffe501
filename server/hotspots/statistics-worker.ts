/**
 * The worker thread that runs hotspot statistics (server/hotspots/compute.ts) for
 * server/hotspots/workers.ts: one job at a time, { id, input } in, { id, output } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads';
import { computeStatistics, type StatisticsInput } from './compute.js';

if (!parentPort) throw new Error('statistics-worker.ts runs as a worker thread (server/hotspots/workers.ts starts it)');
const port = parentPort;
port.on('message', ({ id, input }: { id: number; input: StatisticsInput }) => {
  try {
    const output = computeStatistics(input);
    port.postMessage({ id, output }, Object.values(output).map((a: ArrayBufferView) => a.buffer as ArrayBuffer));
  } catch (err) {
    port.postMessage({ id, error: (err as Error).message });
  }
});
