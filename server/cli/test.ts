/**
 * `npm test`: prepare the tests' own database (never the one `npm start` serves), build the client,
 * install Debian's chromium for the browser tests when missing, then run every vitest project.
 * Extra arguments go to vitest (e.g. `npm test -- tests/unit`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../db/prepare.js';
import { ensureChromium, ensurePdftoppm } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { runCli } from './output.js';

runCli(async () => {
  const config = loadConfig();
  const url = await prepareDatabase(config, { purpose: 'test', seedDemo: true });
  await ensureClientBuilt();
  ensureChromium();
  ensurePdftoppm();
  // The JSON report gives the plain closing line "N passed, N failed" that CI logs are read for.
  const report = path.join(config.dataDir, 'vitest-report.json');
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.rmSync(report, { force: true });
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, POVMAP_TEST_DATABASE_URL: url },
  });
  if (fs.existsSync(report)) {
    const totals = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    process.stdout.write(`\n${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${totals.numPendingTests} skipped\n`);
  }
  process.exit(r.status ?? 1);
});
