/** `npm run db:stop`: stop the private cluster cleanly. */
import { loadConfig } from '../config.js';
import { clusterFor, stopCluster } from '../db/cluster.js';
import { runCli, step } from './output.js';

runCli(async () => {
  const config = loadConfig();
  step(stopCluster(clusterFor(config.dataDir)) ? 'PostgreSQL stopped' : 'PostgreSQL was not running');
});
