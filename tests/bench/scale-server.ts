/**
 * The server under the scale benchmark, in its own process(es) as `npm start` runs it after setup:
 * BENCH_SCALE_WORKERS processes on BENCH_SCALE_PORT (1: a plain process; more: node:cluster workers,
 * server/cli/workers.ts), reading from BENCH_SCALE_REPLICA_URL when set. Prints `ready` once every
 * worker listens; SIGTERM stops it.
 */
import cluster from 'node:cluster';
import { buildApp } from '../../server/app.js';
import { runWorkers } from '../../server/cli/workers.js';

const workers = Number(process.env.BENCH_SCALE_WORKERS ?? 1);
const port = Number(process.env.BENCH_SCALE_PORT);
const databaseUrl = process.env.BENCH_SCALE_DATABASE_URL;
const replica = process.env.BENCH_SCALE_REPLICA_URL;
if (!databaseUrl || !port) throw new Error('start me from scale.bench.ts');

async function serve(): Promise<void> {
  const app = await buildApp({ databaseUrl: databaseUrl!, logLevel: 'warn', ...(replica ? { replicaUrls: [replica] } : {}) });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port, host: '127.0.0.1' });
}

if (workers > 1 && cluster.isPrimary) {
  await runWorkers(workers, {});
  process.stdout.write('ready\n');
} else {
  await serve();
  if (cluster.isPrimary) process.stdout.write('ready\n');
}
