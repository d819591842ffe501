/**
 * `npm test`: prepare the tests' own database (never the one `npm start` serves), build the client,
 * then run every vitest project. Extra arguments go to vitest (e.g. `npm test -- tests/unit`).
 */
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../db/prepare.js';
import { ensureClientBuilt } from './client-build.js';
import { runCli } from './output.js';

runCli(async () => {
  const config = loadConfig();
  const url = await prepareDatabase(config, { purpose: 'test', seedDemo: true });
  await ensureClientBuilt();
  const r = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, POVMAP_TEST_DATABASE_URL: url },
  });
  process.exit(r.status ?? 1);
});
