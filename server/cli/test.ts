/**
 * `npm test`: prepare the tests' own database (never the one `npm start` serves), build the client,
 * install Debian's chromium for the browser tests when missing, then run every vitest project.
 * Extra arguments go to vitest (e.g. `npm test -- tests/unit`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { clusterFor, clusterUrl } from '../db/cluster.js';
import { databaseName } from '../db/connection-string.js';
import { prepareDatabase } from '../db/prepare.js';
import { ensureReplica } from '../db/replica-cluster.js';
import { ensureChromium, ensurePdftoppm } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { runCli, step } from './output.js';

/**
 * A streaming replica of the private cluster for the read-path tests (server/db/replica-cluster.ts);
 * none for a server DATABASE_URL names, whose replication povmap does not manage.
 */
async function testReplicaUrl(config: Config, url: string): Promise<string | undefined> {
  if (config.databaseUrl) {
    step('DATABASE_URL names an external server: no streaming replica is made, so the replica tests are skipped');
    return undefined;
  }
  return clusterUrl(await ensureReplica(clusterFor(config.dataDir)), databaseName(url));
}

runCli(async () => {
  const config = loadConfig();
  const url = await prepareDatabase(config, { purpose: 'test', seedDemo: true });
  const replicaUrl = await testReplicaUrl(config, url);
  await ensureClientBuilt();
  ensureChromium();
  ensurePdftoppm();
  // The JSON report gives the plain closing line "N passed, N failed" that CI logs are read for.
  const report = path.join(config.dataDir, 'vitest-report.json');
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.rmSync(report, { force: true });
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, POVMAP_TEST_DATABASE_URL: url, ...(replicaUrl ? { POVMAP_TEST_REPLICA_URL: replicaUrl } : {}) },
  });
  if (fs.existsSync(report)) {
    const totals = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    process.stdout.write(`\n${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${totals.numPendingTests} skipped\n`);
  }
  process.exit(r.status ?? 1);
});
