/**
 * Every household's distances to the nearest school and clinic measured into an empty
 * household_access: after a generation, or wherever the table was never filled
 * (server/db/refresh.ts, ensureMeasuredAccess). Nobody reads distances that are not there yet, so
 * the rows need not appear province by province as a refresh's do (./refresh.ts): one COPY writes
 * them all in one transaction that empties the table first, frozen and without WAL
 * (server/db/copy-relay.ts), fed in province order by two measuring threads. Beside it a third
 * connection counts the villages' demand points (which rest on the households alone); then the
 * 2SFCA ratios, as a refresh does.
 *
 * One province's rows (30 of the national profile, 385,787 households) were stored in 0.5–0.7 s
 * this way, against 2.5 s by the refresh's COPY into the table with its rows logged and its four
 * indexes kept as it grows.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { copyRelay } from '../db/copy-relay.js';
import { connectionUrl, createDb } from '../db/knex.js';
import { stepMilliseconds } from '../db/timed-step.js';
import { loadAccessServices, measuringThread } from './measure.js';
import { MEASURING_SETTINGS, refreshClinicRatios, vacuumDistances } from './refresh.js';

/** Measures every household into household_access (emptied first), counts the demand points, then the 2SFCA ratios of every year. */
export async function measureEveryHousehold(db: Knex, log: (step: string) => void = () => {}): Promise<void> {
  const provinces = await db('household').select('province_code').count({ households: '*' })
    .groupBy('province_code').orderBy('province_code') as unknown as Array<{ province_code: string; households: string | number }>;
  const own = createDb(connectionUrl(db), { max: 3, applicationName: 'povmap-measuring', settings: MEASURING_SETTINGS });
  const services = await loadAccessServices(db);
  const threads = [measuringThread(services), measuringThread(services)]; // one per core
  const started = performance.now();
  let households = 0;
  let done = 0;
  try {
    const measuring = copyRelay(own, {
      units: provinces,
      read: (p) => own.raw(sqlText('access/measuring_province.sql'), [p.province_code]).toQuery(),
      makers: threads,
      table: 'household_access',
      copy: `${sqlText('access/measuring_rows.sql').trimEnd()} with (freeze)`,
      handed: (p) => {
        households += Number(p.households);
        done += 1;
        log(`Distances to the nearest school and clinic: province ${p.province_code} done (${done}/${provinces.length}), `
          + `${households.toLocaleString('en')} households measured in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      },
    });
    // the demand points rest on the households alone, not on household_access: counted beside the
    // COPY, for every province (one without households loses any demand points it had, as in a refresh)
    const demand = (async () => {
      const all = await own('admin_area').where({ level: 'province' }).orderBy('code').pluck('code') as string[];
      for (const code of all) await own.raw('select povmap.refresh_access_demand(?)', [code]);
      await own.raw(sqlText('access/refresh_owed_demand.sql'));
    })();
    // both end before the connections close; then the first failure is thrown
    const [measured, counted] = await Promise.allSettled([measuring, demand]);
    if (measured.status === 'rejected') throw measured.reason;
    if (counted.status === 'rejected') throw counted.reason;
  } finally {
    await Promise.all(threads.map((t) => t.close()));
    await own.destroy();
  }
  log(`Distances to the nearest school and clinic: ${stepMilliseconds(started)}`);
  await vacuumDistances(db, log);
  await refreshClinicRatios(db, log, null);
}
