/**
 * The policy's decisions about the poor at a cut-off other than the rollups' (a caller's k), made
 * over every area of the year like the stored ones (so a parent minus its children reveals nothing
 * at that k either) and kept per data version, survey year and threshold (at most 60 thresholds).
 */
import type { Knex } from 'knex';
import { decidePoor } from './decide.js';
import { keptPerDataVersion } from './kept.js';

export const poorDecisionsAt = (db: Knex, year: number, threshold60: number) =>
  keptPerDataVersion(db, `poor:${year}:${threshold60}`, () => decidePoor(db, year, threshold60));
