/**
 * `npm run generate -- --profile demo|national [--seed N] [--database NAME]`: (re)generate the synthetic data set in
 * the database `npm start` serves (or `--database NAME` on the same server, e.g. povmap_national for
 * the benchmarks), then derive what `npm start` derives from it, every phase timed (dataset.phases).
 * Deterministic: the same profile and seed give the same rows.
 */
import { parseArgs } from 'node:util';
import { sqlText } from '../../sql/load.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { prepareDatabase } from '../db/prepare.js';
import { deriveAfterGeneration, phaseReport } from '../generate/derive.js';
import { generate } from '../generate/generate.js';
import { DEFAULT_SEED, PROFILES, isProfileName } from '../generate/profiles.js';
import { SetupError, runCli, step } from './output.js';
import { terminalProgress } from './progress.js';

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { profile: { type: 'string', default: 'demo' }, seed: { type: 'string', default: String(DEFAULT_SEED) }, database: { type: 'string' } } }));
  } catch (err) {
    throw new SetupError(`${(err as Error).message}. Usage: npm run generate -- --profile demo|national [--seed N]`);
  }
  if (!isProfileName(values.profile)) throw new SetupError(`unknown profile "${values.profile}": use demo, national or tiny`);
  if (!/^\d+$/.test(values.seed) || Number(values.seed) < 1 || Number(values.seed) > 1_000_000) {
    throw new SetupError(`--seed must be a whole number from 1 to 1000000, got "${values.seed}"`);
  }
  const profile = PROFILES[values.profile];
  if (values.database !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(values.database)) {
    throw new SetupError(`--database must be a plain database name (a-z, 0-9, _), got "${values.database}"`);
  }
  const config = loadConfig();
  const url = await prepareDatabase(config, { purpose: 'main', seedDemo: false, database: values.database });
  const db = createDb(url, { max: 4 });
  try {
    const progress = terminalProgress();
    const result = await generate(db, profile, Number(values.seed), progress);
    progress.stop();
    const derived = await deriveAfterGeneration(db, step);
    step('Time per phase (kept in dataset.phases):');
    for (const line of phaseReport([...result.phases, ...derived])) step(`  ${line}`);
    const { rows } = await db.raw(sqlText('generate/database_size.sql'));
    step(`Generated profile ${profile.name} (seed ${values.seed}): ${result.households.toLocaleString('en')} household rows and ${result.persons.toLocaleString('en')} people in ${result.seconds.toFixed(1)} s; database size ${rows[0].size}; checksum ${result.checksum}`);
  } finally {
    await db.destroy();
  }
});
