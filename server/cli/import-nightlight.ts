/**
 * `npm run import:nightlight -- --file viirs_2023.tif --year 2023`
 * Validates a night-light GeoTIFF and loads it into the database `npm start` serves, replacing that
 * year and its zonal statistics (server/nightlight/import.ts). A bad file is one error line; nothing
 * is loaded.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { prepareDatabase } from '../db/prepare.js';
import { NightlightFileError } from '../nightlight/tools.js';
import { importNightlight } from '../nightlight/import.js';
import { SetupError, runCli, step } from './output.js';

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { file: { type: 'string' }, year: { type: 'string' }, database: { type: 'string' } } }));
  } catch (err) {
    throw new SetupError((err as Error).message);
  }
  if (!values.file || !values.year) throw new SetupError('--file and --year are required');
  if (!/^\d{4}$/.test(values.year)) throw new SetupError(`--year must be a four-digit year, not "${values.year}"`);
  const url = values.database ?? await prepareDatabase(loadConfig(), { purpose: 'main', seedDemo: false });
  const db = createDb(url, { max: 2 });
  try {
    const r = await importNightlight(db, url, values.file, Number(values.year), step);
    step(`Loaded ${r.year}: ${r.tiles} raster tiles, zonal statistics for ${r.areas.toLocaleString('en')} areas`);
  } catch (err) {
    if (err instanceof NightlightFileError) throw new SetupError(err.message);
    throw err;
  } finally {
    await db.destroy();
  }
});
