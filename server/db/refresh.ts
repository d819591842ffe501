/**
 * After data changes: rebuild what is derived from it, readers never blocked (the rollups refresh
 * concurrently), and bump the data versions so the tile and statistics caches drop stale answers.
 */
import type { Knex } from 'knex';
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
  await db.transaction(async (trx) => {
    if (changed.geometry) await trx.raw(`select povmap.bump_data_version('areas')`);
    await trx.raw(`select povmap.bump_data_version('households')`);
  });
}
