/** `npm run sql:generate`: rewrite the SQL regions that list the indicators (server/db/sql-regions.ts). */
import { writeRegions } from '../db/sql-regions.js';
import { runCli, step } from './output.js';

runCli(async () => {
  const changed = writeRegions();
  step(changed.length ? `Rewrote the generated regions of ${changed.map((f) => `sql/${f}`).join(', ')}` : 'Every generated SQL region is current');
});
