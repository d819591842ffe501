/** `npm run db:stop`: stop the private cluster cleanly, and its streaming replica first when the tests made one. */
import { loadConfig } from '../config.js';
import { clusterFor, stopCluster } from '../db/cluster.js';
import { replicaFor, stopReplica } from '../db/replica-cluster.js';
import { runCli, step } from './output.js';

runCli(async () => {
  const config = loadConfig();
  const primary = clusterFor(config.dataDir);
  if (stopReplica(replicaFor(primary))) step('The streaming replica stopped');
  step(stopCluster(primary) ? 'PostgreSQL stopped' : 'PostgreSQL was not running');
});
