/**
 * After data changes: rebuild what is derived from it, readers never blocked (the rollups are tables
 * rewritten under MVCC in the refresh's transaction), and bump the data versions so the tile and
 * statistics caches drop stale answers.
 */
import type { Knex } from 'knex';
import { measureEveryHousehold } from '../access/measure-anew.js';
import { measureServiceAccess, refreshAccessRollup } from '../access/refresh.js';
import { refreshHotspotResults } from '../hotspots/analysis.js';
import { disclosureOutdated, markDisclosureOutdated, refreshDisclosure } from '../disclosure/refresh.js';
import { loadGeneratedNightlights } from '../nightlight/generated.js';
import { dropZones, refreshNightlightYear } from '../nightlight/zones.js';
import { sqlText } from '../../sql/load.js';
import type { DataName } from '../../tiles/layer.js';
import { besideDb, connectionUrl, type Db } from './knex.js';
import { OWN_CONNECTIONS, onOwnConnections } from './own-connections.js';
import { timedStep, type Log } from './timed-step.js';


/** Tell the tile and statistics caches that the data under `name` changed (at commit). */
export async function bumpDataVersion(db: Knex, name: DataName): Promise<void> {
  await db.raw(sqlText('refresh/bump_data_version.sql'), [name]);
}

/**
 * The neighbour pairs of every area (spatial weights for the hotspots, queen with 1 m snapping and
 * k-nearest: sql/functions/refresh_spatial_weights.sql), computed in parts on connections of their
 * own, one per core, then put in place in one transaction.
 */
export async function refreshSpatialWeights(db: Knex): Promise<void> {
  await db.raw(sqlText('refresh/spatial_weights_clear.sql'));
  await onOwnConnections(db, {}, (conn, part) => conn.raw(sqlText('refresh/spatial_weights_part.sql'), [part, OWN_CONNECTIONS]));
  await db.raw(sqlText('refresh/spatial_weights.sql'));
}

/**
 * `changed.geometry`: boundaries changed (everything spatial is rebuilt). `changed.provinces` and
 * `changed.years`: only these provinces' households of these survey years changed (an import), so
 * only their rollups and service distances are made again, the policy decides only those years (and
 * a year after one whose decisions changed), and the hotspots and tile figures follow for those
 * years; absent means all of them. Each thing is made once: the distances first, then in ONE
 * transaction every rollup, the decisions over them, what rests on the decisions and the tile figures.
 */
export async function refreshDerivedData(db: Knex, changed: { geometry: boolean; provinces?: readonly string[]; years?: readonly number[] },
                                         log: Log = () => {}): Promise<void> {
  if (changed.geometry) {
    log('Simplifying the geometry for tiles');
    await db.raw(sqlText('refresh/tile_geometry.sql'));
    log('Finding the neighbours of every area');
    await refreshSpatialWeights(db);
    // zonal statistics assign pixels to areas, so new boundaries need new zones and statistics
    await dropZones(db as Db);
    const years = await db('nightlight_raster').distinct('year').orderBy('year').pluck('year');
    for (const year of years) await refreshNightlightYear(db as Db, connectionUrl(db), Number(year), log);
    if (years.length) await bumpDataVersion(db, 'nightlight');
  }
  const provinces = changed.geometry ? undefined : changed.provinces;
  const years = changed.geometry ? undefined : changed.years?.map(Number);
  const rollupProvinces = await householdRollupScope(db, provinces);
  const scope = `${rollupProvinces ? `province${rollupProvinces.length > 1 ? 's' : ''} ${rollupProvinces.join(', ')}` : 'every area'}`
    + `${years ? `, survey year${years.length > 1 ? 's' : ''} ${years.join(', ')}` : ''}`;
  // The distances to services are committed province by province; nobody reads them before their
  // rollup, so they are measured beside the household and other rollups (which read no distance)
  // and the policy's transaction waits for them only before the accessibility rollup. Measuring
  // keeps one core busy with the largest province while the other is done early, and the rollups
  // are mostly one process each: side by side the two cores work where one idled.
  // Services do not change here: only households without distances for where they are now are measured.
  const measuring = measureBeside(db, (measuringDb) => measureServiceAccess(measuringDb, log, provinces, years));
  measuring.catch(() => undefined); // handled where it is awaited below, not an unhandled rejection meanwhile
  try {
    // one transaction: readers see the old rollups with the old decisions or the new with the new
    await refreshDisclosure(db, async (trx) => {
      await timedStep(log, `Counting the households again (${scope}, and the country)`, () => refreshHouseholdRollups(trx, rollupProvinces, years ?? null));
      await timedStep(log, 'Refreshing the rollups of the logbook, the people, the solution menu and the registry', async () => {
        log(`  refreshed ${(await refreshHouseholdViews(trx, rollupProvinces, years ?? null)).join(', ')}`);
      });
      // a failure in measuring rolls the rollups back with it
      await measuring;
      await timedStep(log, 'Refreshing the accessibility rollup', () => refreshAccessRollup(trx, rollupProvinces, years ?? null));
    }, { years, log, dependents: (trx, redo) => remakeDecisionDependents(trx, log, redo) });
  } finally {
    // a rollup that failed first leaves the measuring to end before the error goes on (its own
    // failure, if any, is the one the transaction above threw)
    await measuring.catch(() => undefined);
  }
  await db.transaction(async (trx) => {
    if (changed.geometry) await bumpDataVersion(trx, 'areas');
    await bumpDataVersion(trx, 'households');
  });
}

/**
 * `work` on a handle of its own to `db`'s database with `db`'s session settings (one connection,
 * closed after), started now: the caller's handle may hold a single connection (an import's), which
 * its transaction takes.
 */
async function measureBeside(db: Knex, work: (own: Knex) => Promise<void>): Promise<void> {
  const own = besideDb(db, { min: 0, max: 1, applicationName: 'povmap-measuring' });
  try {
    await work(own);
  } finally {
    await own.destroy();
  }
}

/**
 * The provinces whose household rollups an import changed, or null (= every area) when it touched
 * more than half of them: counting those provinces' areas one province set at a time then costs
 * about what one count of every area does, and the full count is the simpler path.
 */
async function householdRollupScope(db: Knex, provinces: readonly string[] | undefined): Promise<string[] | null> {
  if (!provinces) return null;
  const { rows: [{ n }] } = await db.raw(sqlText('refresh/province_count.sql'));
  return provinces.length > Number(n) / 2 ? null : [...provinces];
}

/**
 * The household rollups (area_stats, area_score_stats) of `provinces`' areas (null: every area) in
 * `years` (null: every year) and the country, in the caller's transaction; returns the rows written
 * or deleted.
 */
export async function refreshHouseholdRollups(db: Knex, provinces: readonly string[] | null, years: readonly number[] | null = null): Promise<number> {
  return Number((await db.raw(sqlText('refresh/household_rollups.sql'), {
    provinces: provinces ? [...provinces] : null, years: years ? [...years] : null,
  })).rows[0].changed);
}

/**
 * The rollups besides the household rollups (area_assistance, area_person_stats, menu_match,
 * area_menu_need, area_registry_stats) that households of `provinces` (null: every area) in `years`
 * (null: every year) can change, each as far as its definition allows (per province or per year,
 * sql/functions/refresh_household_views.sql), in the caller's transaction, after the household
 * rollups; returns the tables refreshed.
 */
export async function refreshHouseholdViews(db: Knex, provinces: readonly string[] | null, years: readonly number[] | null = null): Promise<string[]> {
  return (await db.raw(sqlText('refresh/household_views.sql'), {
    provinces: provinces ? [...provinces] : null, years: years ? [...years] : null,
  })).rows[0].views;
}

/**
 * After the assistance logbook changed: its rollup (readers never blocked), the policy's decisions
 * over it (the logbook's statuses split the target households), what rests on them, and the tiles.
 */
export async function refreshAssistance(db: Knex): Promise<void> {
  // the logbook's counts reach the hotspots and the fit only through the policy's decisions
  if ((await refreshDisclosure(db, 'refresh/assistance.sql')).changed) await refreshDecisionDependents(db);
  await bumpDataVersion(db, 'households');
}

/**
 * After people were imported: their rollup (area_person_stats, readers never blocked), the policy's
 * decisions over it, what rests on them, and the tiles.
 */
export async function refreshPersons(db: Knex): Promise<void> {
  await refreshDisclosure(db, 'refresh/persons.sql', { dependents: (trx) => remakeDecisionDependents(trx) });
  await bumpDataVersion(db, 'households');
}

/**
 * After the solution menu changed: its matches and the needs per area (readers never blocked), the
 * policy's decisions over them (served and unmet split the target households), what rests on the
 * decisions, and the tiles (the unmet need is a map measure).
 */
export async function refreshMenu(db: Knex): Promise<void> {
  await refreshDisclosure(db, 'refresh/menu.sql', { dependents: (trx) => remakeDecisionDependents(trx) });
  await bumpDataVersion(db, 'households');
}

/**
 * After a registry import: the registry figures (area_registry_stats, target groups 3.2 and 4; readers
 * never blocked) and the policy's decisions over them, in one transaction. The registry cells are a
 * partition and hierarchy of their own (server/disclosure/cells.ts REGISTRY_CELLS): no other cell's
 * decision can change, so the hotspots and the fit stay; the data version moves for the caches.
 */
export async function refreshRegistry(db: Knex): Promise<void> {
  await refreshDisclosure(db, 'refresh/registry.sql');
  await bumpDataVersion(db, 'households');
}

/**
 * The default hotspots and the light-vs-poverty fit leave out every figure the policy withholds, so
 * each new set of decisions makes them again (a cell withheld since would otherwise show through a
 * hotspot's value or a residual). The tiles carry both: their stored figures change in the same
 * transaction.
 */
async function refreshDecisionDependents(db: Knex, log: Log = () => {}): Promise<void> {
  await db.transaction(async (trx) => {
    await remakeDecisionDependents(trx, log);
    await timedStep(log, 'Storing the tile figures', () => refreshTileAreaMetrics(trx));
  });
}

/**
 * The hotspots of `years` (undefined: every year; a year's rest on its rollups and decisions only,
 * and the same inputs give the same draws) and the fit (every level and year: one pass over the
 * rollups), in the caller's transaction.
 */
async function remakeDecisionDependents(trx: Knex.Transaction, log: Log = () => {}, years?: readonly number[]): Promise<void> {
  await timedStep(log, `Recomputing the default hotspots${years ? ` of ${years.length ? years.join(', ') : 'no year'}` : ''}`,
    () => refreshHotspotResults(trx, (level, year, ms) => log(`  hotspots of the ${level} level, ${year}: ${ms}`), years));
  await timedStep(log, 'Fitting the light-vs-poverty model', () => trx.raw(sqlText('refresh/light_mismatch.sql')));
}

/**
 * The stored tile figures (tile_area_metrics) made equal to their definition, of `years` only (the
 * other years' inputs unchanged) or of every year; returns the rows changed.
 */
export async function refreshTileAreaMetrics(db: Knex, years?: readonly number[]): Promise<number> {
  return Number((await db.raw(sqlText('refresh/tile_area_metrics.sql'), { years: years ? [...years] : null })).rows[0].changed);
}

/** Whether `table` has no row (one row is enough to know: a count would scan 12.8 M national rows). */
const isEmpty = async (db: Knex, table: string) => (await db(table).first(db.raw('1 as one'))) === undefined;

/**
 * The derived tables that rest on the areas and the rows alone, not on a rollup, the menu or the
 * policy's decisions: the tiles' simplified geometry, the neighbours, a generated data set's area
 * context and night lights, each made when empty (part of ensureDerivedData, which also runs it;
 * server/generate/derive.ts runs it beside the demo menu's seeding). Returns whether it made
 * anything the areas tiles show.
 */
export async function ensureGeometryDerivations(db: Knex, log: Log = () => {}): Promise<boolean> {
  const empty = (table: string) => isEmpty(db, table);
  if (await empty('admin_area')) return false;
  let made = false;
  if (await empty('tile_geometry')) {
    log('Simplifying the geometry for tiles');
    await db.raw(sqlText('refresh/tile_geometry.sql'));
    await bumpDataVersion(db, 'areas');
  }
  if (await empty('spatial_neighbour')) {
    log('Finding the neighbours of every area (spatial weights for hotspots)');
    await refreshSpatialWeights(db);
  }
  // the synthetic area context of a data set generated before its tables existed (migration 010)
  if (await empty('province_economy')) {
    const dataset = await db('dataset').first('seed', 'survey_years');
    if (dataset) {
      log('Generating the area context (provincial accounts, HAI, centre staff, projects, OTOP products)');
      await db.raw(sqlText('generate/50_area_context.sql'), [dataset.seed, dataset.survey_years]);
    }
  }
  // composites of a generated data set (painted from it), then statistics of any year without them
  if ((await loadGeneratedNightlights(db as Db, log)).length) made = true;
  const { rows: missing } = await db.raw(sqlText('refresh/nightlight_years_without_stats.sql'));
  for (const { year } of missing) {
    await refreshNightlightYear(db as Db, connectionUrl(db), Number(year), log);
    made = true;
  }
  return made;
}

/**
 * Every household's distance to the nearest school and clinic, when there are households and none
 * has a distance (a generation empties them), without their rollup, which ensureDerivedData makes
 * with the policy's decisions. Apart from it so that a caller can measure beside other work
 * (server/generate/derive.ts: beside the solution menu's matching). Returns whether it measured.
 */
export async function ensureMeasuredAccess(db: Knex, log: Log = () => {}): Promise<boolean> {
  if (!(await isEmpty(db, 'household_access')) || (await isEmpty(db, 'household'))) return false;
  log('Measuring every household\'s distance to the nearest school and clinic');
  await measureEveryHousehold(db, log);
  return true;
}

/**
 * Fill whatever derived table is empty: after a generation (which empties them), or in a database
 * whose data predates the migration that added the table. Cheap when everything is there.
 * `madeBefore`: the caller made something the areas tiles show; `measuredBefore`: the caller
 * measured the distances (ensureMeasuredAccess), which still want their rollup.
 */
export async function ensureDerivedData(db: Knex, log: Log = () => {}, madeBefore = false, measuredBefore = false): Promise<void> {
  const empty = (table: string) => isEmpty(db, table);
  if (await empty('admin_area')) return;
  // the areas tiles show what gets filled below (or what the caller made before: `madeBefore`)
  let stale = madeBefore;
  // the household rollups of households that were there before the rollup tables (migration 014
  // makes them empty; see its comment)
  if ((await empty('area_stats')) && !(await empty('household'))) {
    log('Counting the household rollups');
    await refreshHouseholdRollups(db, null);
    await markDisclosureOutdated(db);
    stale = true;
  }
  // the logbook's, people's, menu's and registry's rollups of households that were there before they
  // were tables (migration 023 makes them empty); area_assistance has a row for every area with
  // households, so its being empty says the tables were never filled
  if ((await empty('area_assistance')) && !(await empty('household'))) {
    log('Counting the rollups of the logbook, the people, the solution menu and the registry');
    await refreshHouseholdViews(db, null);
    await markDisclosureOutdated(db);
    stale = true;
  }
  // the menu's matches of a database migrated past 025, which leaves menu_match and its queue counts
  // empty (a database without matches checks this again at each start: it is one cheap refresh)
  if ((await empty('menu_queue_count')) && !(await empty('person')) && !(await empty('menu_item'))) {
    log('Matching the solution menu to the people');
    await db.raw(sqlText('refresh/menu.sql'));
    await markDisclosureOutdated(db);
    stale = true;
  }
  if (await ensureGeometryDerivations(db, log)) stale = true;
  const measured = (await ensureMeasuredAccess(db, log)) || measuredBefore;
  // The policy decides (the distances' rollup too: they are counts of the same areas), then what
  // rests on its decisions is made. Those are emptied first: were they to fail, the next start makes
  // them again. The distances are rolled up when just measured (here or by the caller: `measuredBefore`),
  // or when a stop left them never rolled up (they commit province by province, their rollup with the
  // decisions in one transaction after them), which would otherwise leave the access figures empty for good.
  const rollUpAccess = measured || ((await empty('area_access_counts')) && !(await empty('household_access')));
  const decide = rollUpAccess || (!(await empty('area_stats')) && await disclosureOutdated(db));
  // whether the tile figures were stored after everything they show was made (a pass over every
  // area and year: on the demo data 80 s, so it is made once)
  let tilesCurrent = false;
  if (decide) {
    await db('hotspot_result').delete();
    await db('light_poverty_residual').delete();
    // the hotspots and the fit in the policy's transaction, before it stores the tile figures
    const dependents = (trx: Knex.Transaction) => remakeDecisionDependents(trx, log);
    const accessRollup = (trx: Knex.Transaction) => timedStep(log, 'Refreshing the accessibility rollup', () => refreshAccessRollup(trx));
    await refreshDisclosure(db, rollUpAccess ? accessRollup : undefined, { log, dependents });
    stale = true;
    tilesCurrent = true;
  }
  if ((await empty('hotspot_result')) && !(await empty('area_stats'))) {
    log('Computing the default hotspots');
    await refreshHotspotResults(db);
    stale = true;
    tilesCurrent = false;
  }
  if ((await empty('light_poverty_residual')) && !(await empty('nightlight_area_stats'))) {
    log('Fitting the light-vs-poverty model');
    await db.raw(sqlText('refresh/light_mismatch.sql'));
    stale = true;
    tilesCurrent = false;
  }
  if (stale) {
    // what was made above outside the policy's refresh (night lights, hotspots, the fit) reaches the tiles
    if (!tilesCurrent) await timedStep(log, 'Storing the tile figures', () => refreshTileAreaMetrics(db));
    await bumpDataVersion(db, 'households');
  }
}
