/** `npm start`: make everything that is missing (database, data, client build), then serve. */
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../db/prepare.js';
import { main } from '../main.js';
import { ensureClientBuilt } from './client-build.js';
import { runCli, step } from './output.js';

runCli(async () => {
  const config = loadConfig();
  const url = await prepareDatabase(config, { purpose: 'main', seedDemo: true });
  await ensureClientBuilt();
  await main(config, url);
  step(`Serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
});
