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
  await db.raw('refresh materialized view concurrently area_assistance');
  log('Recomputing the default hotspots');
  await refreshHotspotResults(db);
  await db.transaction(async (trx) => {
    if (changed.geometry) await trx.raw(`select povmap.bump_data_version('areas')`);
    await trx.raw(`select povmap.bump_data_version('households')`);
  });
}

/** After the assistance logbook changed: its rollup (readers never blocked) and the tiles that show it. */
export async function refreshAssistance(db: Knex): Promise<void> {
  await db.raw('refresh materialized view concurrently area_assistance');
  await db.raw(`select povmap.bump_data_version('households')`);
}

/**
 * Fill whatever derived table is empty: after a generation (which empties them), or in a database
 * whose data predates the migration that added the table. Cheap when everything is there.
 */
export async function ensureDerivedData(db: Knex, log: (step: string) => void = () => {}): Promise<void> {
  const empty = async (table: string) => Number((await db(table).count({ n: '*' }))[0].n) === 0;
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
}
