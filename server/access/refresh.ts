/**
 * The accessibility tables (./measure.ts and sql/functions/refresh_household_access.sql; the rollup's
 * definition sql/functions/area_access_counts.sql, read through sql/views/40_area_access_stats.sql):
 * the nearest school and clinic of every household, province by province (one transaction each, so
 * readers see a province either before or after; two connections, as provinces are independent),
 * then the villages' 2SFCA ratio and the area rollup. Each province logs.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { refreshDisclosure, type DisclosureFigures, type DisclosureScope } from '../disclosure/refresh.js';
import { withoutAutovacuum } from '../db/autovacuum.js';
import { OWN_CONNECTIONS, onOwnConnections } from '../db/own-connections.js';
import { stepMilliseconds, timedStep } from '../db/timed-step.js';
import { loadAccessServices, measureHouseholdAccess, measuringThread } from './measure.js';

/** A province of the national profile takes a few seconds; a statement stuck for this long is not measuring. */
export const MEASURING_SETTINGS = { statement_timeout: '30min' };

/**
 * The accessibility rollup (area_access_counts, read through the view area_access_stats) of the
 * areas of `provinces` (null: every area) in `years` (null: every year) and the country, in the
 * caller's transaction (the disclosure policy's, which decides on it next); returns the rows written.
 */
export async function refreshAccessRollup(trx: Knex, provinces: readonly string[] | null = null, years: readonly number[] | null = null): Promise<number> {
  return Number((await trx.raw(sqlText('access/refresh_area_access_stats.sql'), {
    provinces: provinces ? [...provinces] : null, years: years ? [...years] : null,
  })).rows[0].written);
}

/**
 * The distances and the rollup with the policy's decisions on it (every year decided again): all
 * provinces, or only `only` (those whose households an import changed); every survey year, or only
 * `years` (those the import changed: the other years' households and services did not move).
 * `dependents`: what rests on the decisions (hotspots, the light fit), made in the policy's
 * transaction before it stores the tile figures, so those are stored once.
 */
export async function refreshServiceAccess(db: Knex, log: (step: string) => void = () => {}, only?: readonly string[],
                                           years?: readonly number[], dependents?: DisclosureScope['dependents']): Promise<DisclosureFigures> {
  await measureServiceAccess(db, log, only, years, { remeasure: true });
  return refreshDisclosure(db, (trx) => timedStep(log, 'Refreshing the accessibility rollup', () => refreshAccessRollup(trx, only ?? null, years ?? null)),
                           { log, dependents });
}

/**
 * The distances to the nearest school and clinic and the villages' 2SFCA ratio, without their
 * rollup (the caller refreshes it with the policy's decisions, refreshAccessRollup): scoped as refreshServiceAccess.
 * `remeasure`: every household of the scope is measured again (the services changed); without it,
 * only households without distances for where they are now (an import: the services stand).
 */
export async function measureServiceAccess(db: Knex, log: (step: string) => void = () => {}, only?: readonly string[],
                                           years?: readonly number[], { remeasure = false } = {}): Promise<void> {
  const all = await db('admin_area').where({ level: 'province' }).orderBy('code').pluck('code') as string[];
  // provinces no longer present (new boundaries) leave no rows behind
  if (!only) await db('household_access').whereNotIn('province_code', all).delete();
  const provinces = only ? all.filter((c) => only.includes(c)) : all;
  const started = performance.now();
  let households = 0;
  let reused = 0;
  let done = 0;
  const onlyYears = years ? [...years] : null; // null: every year
  // Fewer provinces than connections (an import of one province): each is measured in parts, one
  // per connection, or the other core idles (sql/functions/refresh_household_access.sql); the parts
  // leave the demand points owed, counted below.
  const parts = onlyYears && provinces.length < OWN_CONNECTIONS ? OWN_CONNECTIONS : 1;
  const queue = provinces.flatMap((code) => Array.from({ length: parts }, (_, part) => ({ code, part })));
  const units = queue.length;
  // the services as they are when the measuring starts (whatever changes them measures every household again after)
  const services = await loadAccessServices(db);
  const worker = async (measuring: Knex) => {
    const thread = measuringThread(services);
    try {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        const { code: province, part } = unit;
        const r = await measuring.transaction((trx) => measureHouseholdAccess(trx, thread, { province, years: onlyYears, remeasure, part, parts }));
        households += r.measured;
        reused += r.reused;
        done += 1;
        log(`Distances to the nearest school and clinic: province ${province}${parts > 1 ? ` part ${part + 1} of ${parts}` : ''} done `
          + `(${done}/${units}), ${households.toLocaleString('en')} households measured`
          + `${reused ? ` and ${reused.toLocaleString('en')} given their house's distances at the same point in another year` : ''}`
          + ` in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    } finally {
      await thread.close();
    }
  };
  const measureAndVacuum = async () => {
    await onOwnConnections(db, MEASURING_SETTINGS, worker);
    // also what an earlier refresh stopped between its parts and this count left owed
    await db.raw(sqlText('access/refresh_owed_demand.sql'));
    log(`Distances to the nearest school and clinic: ${stepMilliseconds(started)}`);
    await vacuumDistances(db, log);
  };
  // every province: the table is written anew, and vacuumed once at the end rather than by
  // autovacuum at each fifth of its growth (server/db/autovacuum.ts)
  await (only ? measureAndVacuum() : withoutAutovacuum(db, ['household_access'], measureAndVacuum));
  // the ratios rest on the clinics and the villages' demand points only: the years whose demand
  // points changed (now or in a refresh stopped before this step) owe them
  const owed = remeasure ? onlyYears : (await db('access_2sfca_owed').orderBy('survey_year').pluck('survey_year')).map(Number);
  await refreshClinicRatios(db, log, owed);
}

/** Vacuums and analyses the distances and the villages' demand once they are written. */
export async function vacuumDistances(db: Knex, log: (step: string) => void): Promise<void> {
  await timedStep(log, 'Vacuuming the distances', () => db.raw(sqlText('access/vacuum.sql')));
}

/** The villages' 2SFCA ratios of the survey years `owed` (null: every year; none: nothing to do). */
export async function refreshClinicRatios(db: Knex, log: (step: string) => void, owed: readonly number[] | null): Promise<void> {
  if (owed === null || owed.length) {
    await timedStep(log, `Clinic capacity per person (2SFCA, d0 = 10 km) of every village${owed ? ` of ${owed.join(', ')}` : ''}`,
      () => db.raw(sqlText('access/refresh_clinic_2sfca.sql'), [owed ? [...owed] : null]));
  } else {
    log('Clinic capacity per person (2SFCA): no village\'s demand changed');
  }
}
