/** `npm run setup`: prepare the database that `npm start` serves (cluster, migrations, demo data). */
import { loadConfig } from '../config.js';
import { redact } from '../db/connection-string.js';
import { prepareDatabase } from '../db/prepare.js';
import { runCli, step } from './output.js';

runCli(async () => {
  const url = await prepareDatabase(loadConfig(), { purpose: 'main', seedDemo: true });
  step(`Database ready: ${redact(url)}`);
});
