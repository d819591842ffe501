/**
 * Small-cell suppression for public callers (and analysts outside their grants). A figure that rests on fewer than MIN_CELL households
 * could point at a family, so:
 * - an area with fewer than MIN_CELL households is suppressed whole (every figure null);
 * - otherwise each household count from 1 to MIN_CELL - 1 is null, and so are the figures computed
 *   from such a group (people counts of that group; H, A, M0 and the censored figures when fewer
 *   than MIN_CELL households are poor).
 * Zeros stay: "nobody" discloses nobody. Admins, and analysts inside their grants, see every figure
 * (server/areas/summary.ts decides who).
 */
import type { MpiFigures } from '../mpi/summary.js';

export const MIN_CELL = 5;

type Nullable<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] extends number[] ? Array<number | null> : T[K] };
export type PublicFigures = Omit<Nullable<MpiFigures>, 'indicators' | 'dimensions' | 'welfare' | 'failed_dims' | 'vulnerability'> & {
  failed_dims: Array<number | null> | null;
  vulnerability: Array<number | null> | null;
  indicators: Array<{ id: string; dimension: string; deprived_households: number | null; censored_people: number | null; censored_headcount: number | null; contribution: number | null }>;
  dimensions: Array<{ id: string; failed_households: number | null; censored_people: number | null; censored_headcount: number | null; contribution: number | null }>;
  welfare: { target_with_card: number | null; target_without_card: number | null; to_survey: number | null } | null;
  suppressed: boolean;
};

const cell = (n: number) => (n > 0 && n < MIN_CELL ? null : n);

export function disclose(f: MpiFigures, suppress: boolean): PublicFigures {
  if (!suppress) return { ...f, suppressed: false };
  if (f.households < MIN_CELL) {
    return {
      suppressed: true, households: null, people: null, target_households: null, target_people: null,
      poor_households: null, poor_people: null, h: null, a: null, m0: null, failed_dims: null,
      indicators: [], dimensions: [], vulnerability: null, vulnerable_households: null, welfare: null, stars: null,
    };
  }
  const fewPoor = f.poor_households > 0 && f.poor_households < MIN_CELL;
  const fewTargets = cell(f.target_households) === null;
  return {
    ...f,
    suppressed: false,
    target_households: cell(f.target_households),
    target_people: fewTargets ? null : f.target_people,
    poor_households: cell(f.poor_households),
    poor_people: fewPoor ? null : f.poor_people,
    h: fewPoor ? null : f.h,
    a: fewPoor ? null : f.a,
    m0: fewPoor ? null : f.m0,
    failed_dims: f.failed_dims.map(cell),
    indicators: f.indicators.map((i) => ({
      ...i, deprived_households: cell(i.deprived_households),
      censored_people: fewPoor ? null : i.censored_people,
      censored_headcount: fewPoor ? null : i.censored_headcount,
      contribution: fewPoor ? null : i.contribution,
    })),
    dimensions: f.dimensions.map((d) => ({
      ...d, failed_households: cell(d.failed_households),
      censored_people: fewPoor ? null : d.censored_people,
      censored_headcount: fewPoor ? null : d.censored_headcount,
      contribution: fewPoor ? null : d.contribution,
    })),
    vulnerability: f.vulnerability.map(cell),
    vulnerable_households: cell(f.vulnerable_households),
    welfare: {
      target_with_card: cell(f.welfare.target_with_card),
      target_without_card: cell(f.welfare.target_without_card),
      to_survey: cell(f.welfare.to_survey),
    },
  };
}
