/**
 * Service accessibility of an area (sql/views/40_area_access_stats.sql): distances to the nearest school and clinic
 * of its households, the share of target households farther than given distances, and the 2SFCA
 * clinic ratio. 5 and 10 km and the 10 km catchment come from the rollup area_access_stats; other
 * values are computed on request (sql/api/area_access_far.sql, area_access_2sfca.sql), bounded,
 * gated and cached by server/access/on-request.ts.
 */
import type { Area } from '../areas/repository.js';
import type { AreaDecision } from '../disclosure/policy.js';
import { farDecisionsAt } from '../disclosure/far-at-distance.js';
import type { Db } from '../db/knex.js';
import { sqlText } from '../../sql/load.js';
import { onRequest } from './on-request.js';

export const SERVICES = ['school', 'clinic'] as const;
export type Service = (typeof SERVICES)[number];
/** The distances (km) the rollup holds; others are counted from household_access on request. */
export const ROLLUP_KM = [5, 10] as const;
/** The default 2SFCA catchment d0 (km), the one the rollup and the tiles hold. */
export const DEFAULT_CATCHMENT_KM = 10;
export const MAX_KM = 200;
export const MAX_CATCHMENT_KM = 100;

export interface FarCount { km: number; target_households: number | null; share: number | null }
export interface ServiceAccess {
  service: Service;
  located_households: number | null;
  located_target_households: number | null;
  mean_km: number | null;
  target_mean_km: number | null;
  far: FarCount[];
}
export interface AreaAccess {
  suppressed: boolean;
  households: number | null;
  target_households: number | null;
  source: 'rollup' | 'households';
  services: ServiceAccess[];
  clinic_2sfca: { catchment_km: number; per_1000_people: number | null; people: number | null; source: 'rollup' | 'villages' };
}

type Rollup = Record<string, number | string | null>;

/** The ancestors' codes that make an area one range of household_access_target_idx. */
export function areaRange(area: Pick<Area, 'code' | 'level' | 'province_code' | 'district_code' | 'subdistrict_code'>) {
  return {
    province: area.level === 'country' ? null : area.province_code,
    district: ['district', 'subdistrict', 'village'].includes(area.level) ? area.district_code : null,
    subdistrict: ['subdistrict', 'village'].includes(area.level) ? area.subdistrict_code : null,
    village: area.level === 'village' ? area.code : null,
  };
}

interface FarRow { km: number; school_located: number; school_far: number; clinic_located: number; clinic_far: number }

/** Target households farther than each distance, counted from household_access. */
export async function farCounts(db: Db, area: Parameters<typeof areaRange>[0], year: number, kms: number[]): Promise<FarRow[]> {
  const { rows } = await db.raw(sqlText('api/area_access_far.sql'), { year, km: kms.join(','), ...areaRange(area) });
  return rows;
}

/** The 2SFCA ratio of an area for any catchment, computed from the villages. */
export async function clinic2sfca(db: Db, code: string, year: number, catchmentKm: number): Promise<{ people: number | null; per_1000: number | null }> {
  const { rows } = await db.raw(sqlText('api/area_access_2sfca.sql'), { code, year, d0: catchmentKm * 1000 });
  return { people: rows[0].people === null ? null : Number(rows[0].people), per_1000: rows[0].per_1000 };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The figures of one area. `decision`: what the disclosure policy withholds from this caller (null:
 * the caller sees every figure). The precomputed distances (5, 10 km) follow the stored decisions;
 * another distance follows decisions made over every area at that distance
 * (server/disclosure/far-at-distance.ts) as well. A share is published only with its far count, its
 * near count and its denominator (the located target households); a mean only with the households it
 * is taken over.
 */
export async function areaAccess(db: Db, area: Parameters<typeof areaRange>[0], year: number,
                                 kms: number[], catchmentKm: number, decision: AreaDecision | null): Promise<AreaAccess> {
  const rollup: Rollup = (await db('area_access_stats').where({ code: area.code, survey_year: year }).first()) ?? {};
  const custom = kms.filter((km) => !(ROLLUP_KM as readonly number[]).includes(km));
  const counted = custom.length
    ? (await onRequest(db, 'far', { code: area.code, year, custom }, async () => ({ rows: await farCounts(db, area, year, custom) }))).rows
    : [];
  // the decisions at another distance, made over every area of the year (kept per data version)
  const atDistance = new Map(decision ? await Promise.all(custom.map(async (km) => [km, (await farDecisionsAt(db, year, km)).get(area.code) ?? {}] as const)) : []);
  const catchmentDefault = catchmentKm === DEFAULT_CATCHMENT_KM;
  const sfca = catchmentDefault
    ? { people: num(rollup.demand_people), per_1000: num(rollup.clinic_2sfca_per_1000) }
    : await onRequest(db, '2sfca', { code: area.code, year, catchmentKm }, () => clinic2sfca(db, area.code, year, catchmentKm));
  const households = num(rollup.households) ?? 0;
  if (decision?.suppressed) {
    return {
      suppressed: true, households: null, target_households: null, source: custom.length ? 'households' : 'rollup', services: [],
      clinic_2sfca: { catchment_km: catchmentKm, per_1000_people: null, people: null, source: catchmentDefault ? 'rollup' : 'villages' },
    };
  }
  const withheld = (...cells: string[]) => decision !== null && cells.some((c) => c in decision.cells);
  const publish = (n: number | null, ...cells: string[]) => (withheld(...cells) ? null : n);
  const services = SERVICES.map((service): ServiceAccess => {
    const located = num(rollup[`target_${service}_located`]) ?? 0;
    const locatedCell = `target_${service}_located`;
    const far = kms.map((km): FarCount => {
      if ((ROLLUP_KM as readonly number[]).includes(km)) {
        const count = num(rollup[`target_${service}_far_${km}km`]) ?? 0;
        const farCell = `target_${service}_far_${km}km`;
        return {
          km,
          target_households: publish(count, farCell),
          share: located === 0 || withheld(farCell, `target_${service}_near_${km}km`, locatedCell) ? null : count / located,
        };
      }
      const row = counted.find((r) => r.km === km);
      const count = row ? row[`${service}_far`] : 0;
      const denominator = row ? row[`${service}_located`] : 0;
      const cells = atDistance.get(km) ?? {};
      const hiddenHere = (...names: string[]) => decision !== null && names.some((c) => c in cells);
      const hidden = hiddenHere(`target_${service}_far`) || withheld(locatedCell);
      return {
        km,
        target_households: hidden ? null : count,
        share: denominator === 0 || hidden || hiddenHere(`target_${service}_near`, locatedCell) ? null : count / denominator,
      };
    });
    return {
      service,
      located_households: publish(num(rollup[`${service}_located`]), `${service}_located`),
      located_target_households: publish(located, locatedCell),
      mean_km: publish(num(rollup[`${service}_mean_km`]), `${service}_located`),
      target_mean_km: publish(num(rollup[`target_${service}_mean_km`]), locatedCell),
      far,
    };
  });
  return {
    suppressed: false,
    households: publish(households, 'households'),
    target_households: publish(num(rollup.target_households) ?? 0, 'target_households'),
    source: custom.length ? 'households' : 'rollup',
    services,
    clinic_2sfca: { catchment_km: catchmentKm, per_1000_people: sfca.per_1000, people: sfca.people, source: catchmentDefault ? 'rollup' : 'villages' },
  };
}
