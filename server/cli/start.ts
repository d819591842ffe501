/**
 * `npm start`: make everything that is missing (database, data, client build), then serve; with
 * WORKERS=N, N server processes share the port (server/cli/workers.ts) and only this first process
 * prepares.
 */
import cluster from 'node:cluster';
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../db/prepare.js';
import { main } from '../main.js';
import { ensureClientBuilt } from './client-build.js';
import { runCli, step } from './output.js';
import { runWorkers } from './workers.js';

/** The prepared database's URL, handed from the first process to its workers. */
const WORKER_DATABASE_URL = 'POVMAP_WORKER_DATABASE_URL';

runCli(async () => {
  const config = loadConfig();
  if (cluster.isWorker) {
    await main(config, process.env[WORKER_DATABASE_URL]!);
    return;
  }
  const url = await prepareDatabase(config, { purpose: 'main', seedDemo: true });
  await ensureClientBuilt();
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  if (config.workers > 1) {
    await runWorkers(config.workers, { [WORKER_DATABASE_URL]: url });
    step(`Serving on ${address} with ${config.workers} worker processes`);
    return;
  }
  await main(config, url);
  step(`Serving on ${address}`);
});
