/**
 * Access figures computed on request (distances other than 5 and 10 km, catchments other than
 * 10 km) are bounded in cost, limited in number and cached:
 * - a custom 2SFCA catchment has a largest radius per level of the area (CATCHMENT_LIMIT_KM, in the
 *   README's time-budget table). Its cost is the clinics within d0 of the area's villages times the
 *   villages within d0 of each clinic, so it grows with the area and about as d0⁴ in dense places:
 *   measured on the demo data (2 cores), Bangkok (province 10) took 5.2 s at 15 km and 10.5 s at
 *   25 km, its district 1001 2.7 s at 25 km and 20 s at 50 km, a Bangkok village 3.4 s at 25 km and
 *   8 s at 50 km. The limits keep the densest area of each level near 5 s; the country only has the
 *   precomputed 10 km. Beyond, a 400 names `catchment_km` and the limit;
 * - at most 2 such computations run in PostgreSQL at once and 4 wait (server/db/work-gate.ts), more
 *   are refused with 503 + Retry-After;
 * - answers are kept by their parameters under the data version of everything they read
 *   (server/db/computed-cache.ts), so a refresh retires them.
 */
import type { AreaLevel } from '../../tiles/levels.js';
import { ComputedCache, dataVersion } from '../db/computed-cache.js';
import { connectionUrl, type Db } from '../db/knex.js';
import { WorkGate } from '../db/work-gate.js';
import { HttpProblem } from '../plugins/problem.js';

/** The largest custom catchment (km) per level of the area; null: only the precomputed one. */
export const CATCHMENT_LIMIT_KM: Record<AreaLevel, number | null> = {
  country: null,
  province: 15,
  district: 25,
  subdistrict: 25,
  village: 25,
};

/** A 400 naming catchment_km when a custom catchment of `km` over an area of `level` costs too much. */
export function checkCatchment(level: AreaLevel, km: number, defaultKm: number): void {
  if (km === defaultKm) return;
  const limit = CATCHMENT_LIMIT_KM[level];
  if (limit === null) {
    throw new HttpProblem(400, `query parameter "catchment_km" must be ${defaultKm} (the precomputed catchment) for the whole country; ask a province or smaller area for another catchment`,
      { parameter: 'catchment_km', in: 'querystring' });
  }
  if (km > limit) {
    throw new HttpProblem(400, `query parameter "catchment_km" must be at most ${limit} km for a ${level} (computed on request), got ${km}`,
      { parameter: 'catchment_km', in: 'querystring', limit_km: limit });
  }
}

const gate = new WorkGate('custom access figures', 2, 4);
const cache = new ComputedCache<object>(500);

/**
 * `compute` through the gate and the cache, keyed by `what` and its parameters (which must determine
 * the answer). Used for every access figure that is not read from the rollup.
 */
export async function onRequest<T extends object>(db: Db, what: string, parameters: unknown, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion(db, ['areas', 'households', 'services', 'villages']);
  // one cache per process: the database is part of the key (tests run apps over several)
  return cache.get(`${connectionUrl(db)}:${what}:${version}:${JSON.stringify(parameters)}`, () => gate.run(compute)) as Promise<T>;
}
