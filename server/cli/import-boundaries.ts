/**
 * `npm run import:boundaries -- --file tha_admbnda_adm1.shp --level province --code ADM1_PCODE
 *   --name-th ADM1_TH --name-en ADM1_EN [--parent ADM0_PCODE] [--layer NAME]`
 * Loads one admin level of real boundaries into the database `npm start` serves, then rebuilds what
 * depends on geometry (tile geometry, neighbours, rollups, hotspots) so tiles and summaries follow.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { prepareDatabase } from '../db/prepare.js';
import { refreshDerivedData } from '../db/refresh.js';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';
import { importBoundaries } from '../geo/import-boundaries.js';
import { SetupError, runCli, step } from './output.js';

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        file: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, 'name-th': { type: 'string' },
        'name-en': { type: 'string' }, parent: { type: 'string' }, layer: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new SetupError((err as Error).message);
  }
  if (!values.file || !values.level || !values.code) throw new SetupError('--file, --level and --code are required');
  if (!ADMIN_LEVELS.includes(values.level as AdminLevel)) throw new SetupError(`--level must be one of ${ADMIN_LEVELS.join(', ')}`);
  const url = await prepareDatabase(loadConfig(), { purpose: 'main', seedDemo: false });
  const db = createDb(url, { max: 2 });
  try {
    step(`Reading ${values.file} with ogr2ogr`);
    const { rows } = await importBoundaries(db, url, {
      file: values.file, level: values.level as AdminLevel, codeField: values.code, nameThField: values['name-th'],
      nameEnField: values['name-en'], parentField: values.parent, layer: values.layer,
    });
    step(`Loaded ${rows} ${values.level} boundaries`);
    await refreshDerivedData(db, { geometry: true }, step);
  } finally {
    await db.destroy();
  }
});
