/**
 * Two povmap server processes on one port, as `WORKERS=2 npm start` runs them after its setup
 * (server/cli/workers.ts), for tests/integration/workers.test.ts. Serves DATABASE_URL on PORT and
 * prints `listening` once both workers listen. Each worker marks its answers with
 * `x-test-worker: <pid>` (set before any handler, so cache hits answered by the raw fast path carry it
 * too), which tells the test which process answered.
 */
import cluster from 'node:cluster';
import { buildApp } from '../../server/app.js';
import { runWorkers } from '../../server/cli/workers.js';
import { loadConfig } from '../../server/config.js';

const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
if (cluster.isPrimary) {
  await runWorkers(2, {});
  process.stdout.write('listening\n');
} else {
  const app = await buildApp({ databaseUrl: config.databaseUrl, logLevel: 'warn' });
  app.server.prependListener('request', (_req, res) => res.setHeader('x-test-worker', String(process.pid)));
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: config.port, host: '127.0.0.1' });
}
