/**
 * The disclosure policy (server/disclosure/policy.ts) applied to an area's MPI figures for public
 * callers (and analysts outside their grants): the cells the precomputed policy withholds, and for
 * the poor at a cut-off other than the rollup's (score60 >= 20) the primary rule on request; every
 * share, mean or index follows the counts it rests on. Admins, and analysts inside their grants, see
 * every figure (server/areas/summary.ts decides who).
 */
import type { MpiFigures } from '../mpi/summary.js';
import type { Identification } from '../mpi/identification.js';
import { Disclosure, type AreaDecision, type Withheld } from './policy.js';
import { isPoorCell } from './cells.js';
import { ROLLUP_THRESHOLD60 } from './decide.js';

type Nullable<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] extends number[] ? Array<number | null> : T[K] };
export type PublicFigures = Omit<Nullable<MpiFigures>, 'indicators' | 'dimensions' | 'welfare' | 'failed_dims' | 'vulnerability'> & {
  failed_dims: Array<number | null> | null;
  vulnerability: Array<number | null> | null;
  indicators: Array<{ id: string; dimension: string; deprived_households: number | null; censored_people: number | null; censored_headcount: number | null; contribution: number | null }>;
  dimensions: Array<{ id: string; failed_households: number | null; censored_people: number | null; censored_headcount: number | null; contribution: number | null }>;
  welfare: { target_with_card: number | null; target_without_card: number | null; to_survey: number | null } | null;
  suppressed: boolean;
  /** Withheld values, key → reason (key: the field, fail_dims_<n>, vulnerability_<n>, deprived_<indicator>, …). */
  withheld: Withheld;
};

/**
 * `poorAtThreshold`: the policy's cells about the poor at the caller's cut-off when it is not the
 * rollups' (server/disclosure/poor-at-threshold.ts); they replace the stored ones.
 */
export function disclose(f: MpiFigures, decision: AreaDecision | null, id: Identification, poorAtThreshold: Withheld = {}): PublicFigures {
  if (!decision) return { ...f, suppressed: false, withheld: {} };
  if (decision.suppressed) {
    return {
      suppressed: true, households: null, people: null, target_households: null, target_people: null,
      poor_households: null, poor_people: null, h: null, a: null, m0: null, failed_dims: null,
      indicators: [], dimensions: [], vulnerability: null, vulnerable_households: null, welfare: null, stars: null,
      withheld: { households: 'area-under-5' },
    };
  }
  // the stored cells about the poor hold for the rollups' cut-off only
  const known: Withheld = id.threshold60 === ROLLUP_THRESHOLD60 ? decision.cells
    : { ...Object.fromEntries(Object.entries(decision.cells).filter(([cell]) => !isPoorCell(cell))), ...poorAtThreshold };
  const d = new Disclosure(true, known);
  const households = d.count('households', f.households);
  const people = d.count('people', f.people);
  const target = d.count('target_households', f.target_households);
  // people counted in 1-4 households tell a family's size: they follow their household count
  const poorHouseholds = d.count('poor_households', f.poor_households);
  const poorPeople = d.follows('poor_people', d.count('poor_people', f.poor_people), poorHouseholds);
  const out: PublicFigures = {
    ...f,
    suppressed: false,
    households, people, target_households: target,
    target_people: d.follows('target_people', d.count('target_people', f.target_people), target),
    poor_households: poorHouseholds,
    poor_people: poorPeople,
    h: d.follows('h', f.h, poorPeople, people),
    a: d.follows('a', f.a, poorPeople),
    m0: d.follows('m0', f.m0, poorPeople, people),
    failed_dims: f.failed_dims.map((n, i) => d.count(`fail_dims_${i}`, n)),
    indicators: f.indicators.map((i) => {
      const censored = d.follows(`censored_people_${i.id}`, d.count(`censored_people_${i.id}`, i.censored_people), poorHouseholds);
      return {
        ...i, deprived_households: d.count(`deprived_${i.id}`, i.deprived_households),
        censored_people: censored,
        censored_headcount: d.follows(`censored_headcount_${i.id}`, i.censored_headcount, censored, people),
        contribution: d.follows(`contribution_${i.id}`, i.contribution, censored, poorPeople),
      };
    }),
    dimensions: f.dimensions.map((x) => {
      const censored = d.count(`dim_censored_people_${x.id}`, x.censored_people);
      return {
        ...x, failed_households: d.count(`dim_failed_${x.id}`, x.failed_households),
        censored_people: d.follows(`dim_censored_people_${x.id}`, censored, poorPeople),
        censored_headcount: d.follows(`dim_censored_headcount_${x.id}`, x.censored_headcount, censored, poorPeople, people),
        contribution: d.follows(`dim_contribution_${x.id}`, x.contribution, censored, poorPeople),
      };
    }),
    vulnerability: f.vulnerability.map((n, i) => d.count(`vulnerability_${i}`, n)),
    vulnerable_households: d.count('vulnerable_households', f.vulnerable_households),
    welfare: {
      target_with_card: d.count('target_with_card', f.welfare.target_with_card),
      target_without_card: d.count('target_without_card', f.welfare.target_without_card),
      to_survey: d.count('to_survey', f.welfare.to_survey),
    },
    stars: d.follows('stars', f.stars, target, households),
    withheld: d.withheld,
  };
  return out;
}
