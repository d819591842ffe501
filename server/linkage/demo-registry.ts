/**
 * The demo registry: so that the registry figures (target groups 3.2 and 4) have something to show
 * on a demo database, a fixed set of registry lines per survey year (sql/linkage/demo_registry.sql
 * says which), written in SQL in a second or two as if imported and linked. Seeded by
 * ensureDemoRegistry when a generated data set has no registry import at all.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { markDisclosureOutdated } from '../disclosure/refresh.js';
import { idSecret } from './secret.js';

/** Seed the demo registry; returns the lines written (0: nothing to do). */
export async function ensureDemoRegistry(db: Knex): Promise<number> {
  const generated = await db('dataset').first('profile');
  if (!generated || (await db('import_job').where({ kind: 'registry' }).first('id'))) return 0;
  const lines = await db.transaction(async (trx) => {
    const { rows: [written] } = await trx.raw(sqlText('linkage/demo_registry.sql'), { secret: idSecret() });
    await trx.raw(sqlText('refresh/registry.sql'));
    return Number(written.lines);
  });
  await markDisclosureOutdated(db);
  return lines;
}
