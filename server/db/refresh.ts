/**
 * After data changes: rebuild what is derived from it, readers never blocked (the rollups refresh
 * concurrently), and bump the data versions so the tile and statistics caches drop stale answers.
 */
import type { Knex } from 'knex';
import { refreshServiceAccess } from '../access/refresh.js';
import { refreshHotspotResults } from '../hotspots/analysis.js';

export async function refreshDerivedData(db: Knex, changed: { geometry: boolean }, log: (step: string) => void = () => {}): Promise<void> {
  if (changed.geometry) {
    log('Simplifying the geometry for tiles');
    await db.raw('select povmap.refresh_tile_geometry()');
    log('Finding the neighbours of every area');
    await db.raw('select povmap.refresh_spatial_weights()');
  }
  log('Refreshing the rollups');
  await db.raw('refresh materialized view concurrently area_stats');
  await db.raw('refresh materialized view concurrently area_score_stats');
  log('Recomputing the default hotspots');
  await refreshHotspotResults(db);
  await refreshServiceAccess(db, log);
  await db.transaction(async (trx) => {
    if (changed.geometry) await trx.raw(`select povmap.bump_data_version('areas')`);
    await trx.raw(`select povmap.bump_data_version('households')`);
  });
}

/**
 * Fill whatever derived table is empty: after a generation (which empties them), or in a database
 * whose data predates the migration that added the table. Cheap when everything is there.
 */
export async function ensureDerivedData(db: Knex, log: (step: string) => void = () => {}): Promise<void> {
  // one row is enough to know (a count would scan the 12.8 M rows of a national household table)
  const empty = async (table: string) => (await db(table).first(db.raw('1 as one'))) === undefined;
  if (await empty('admin_area')) return;
  if (await empty('tile_geometry')) {
    log('Simplifying the geometry for tiles');
    await db.raw('select povmap.refresh_tile_geometry()');
    await db.raw(`select povmap.bump_data_version('areas')`);
  }
  if (await empty('spatial_neighbour')) {
    log('Finding the neighbours of every area (spatial weights for hotspots)');
    await db.raw('select povmap.refresh_spatial_weights()');
  }
  if ((await empty('hotspot_result')) && !(await empty('area_stats'))) {
    log('Computing the default hotspots');
    await refreshHotspotResults(db);
    // the areas tiles carry hotspot_result: cached tiles built before it was filled are stale
    await db.raw(`select povmap.bump_data_version('households')`);
  }
  if ((await empty('household_access')) && !(await empty('household'))) {
    log('Measuring every household\'s distance to the nearest school and clinic');
    await refreshServiceAccess(db, log);
    // the areas tiles carry the accessibility metrics
    await db.raw(`select povmap.bump_data_version('households')`);
  }
}
