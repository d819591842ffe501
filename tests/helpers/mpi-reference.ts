/**
 * A plain reference implementation of the MPI figures over raw household rows, written from the
 * design (section 5) and not from the SQL under test: deprivation scores from the fractional
 * weights (1/20, 1/15, 1/10), poverty as c >= k, measures over people.
 */
import { DIMENSIONS, INDICATORS } from '../../server/mpi/indicators.js';

export interface RawHousehold {
  members: number;
  deprived: number;
  welfare_card_holders: number;
  income_per_person: number;
  dependents: number;
  housing_problem: boolean;
}

const WEIGHT: Record<string, number> = { health: 1 / 20, living: 1 / 20, education: 1 / 20, income: 1 / 15, access: 1 / 10 };

const fails = (h: RawHousehold, j: number) => (h.deprived & (1 << j)) !== 0;
const score = (h: RawHousehold) => INDICATORS.reduce((s, ind, j) => s + (fails(h, j) ? WEIGHT[ind.dimension] : 0), 0);
const failsDimension = (h: RawHousehold, dim: string) => INDICATORS.some((ind, j) => ind.dimension === dim && fails(h, j));

function vulnerability(h: RawHousehold): number | null {
  const low = h.income_per_person < 100000;
  if (low && (h.dependents > 2 || h.housing_problem)) return 3;
  if (low && h.dependents >= 1 && h.dependents <= 2) return 2;
  if (low || h.housing_problem) return 1;
  if (h.dependents > 0) return 0;
  return null;
}

/** mode 'tpmap' (k ignored) or 'af' with cut-off k. */
export function reference(rows: RawHousehold[], mode: 'tpmap' | 'af', k: number) {
  const isPoor = (h: RawHousehold) => (mode === 'tpmap' ? h.deprived !== 0 : score(h) >= k - 1e-12);
  const n = rows.reduce((s, h) => s + h.members, 0);
  const poor = rows.filter(isPoor);
  const q = poor.reduce((s, h) => s + h.members, 0);
  const sumScore = poor.reduce((s, h) => s + h.members * score(h), 0);
  const H = n ? q / n : 0;
  const A = q ? sumScore / q : 0;
  const M0 = n ? sumScore / n : 0;
  const indicators = INDICATORS.map((ind, j) => {
    const censoredPeople = poor.filter((h) => fails(h, j)).reduce((s, h) => s + h.members, 0);
    const hj = n ? censoredPeople / n : 0;
    return {
      id: ind.id,
      deprived_households: rows.filter((h) => fails(h, j)).length,
      censored_people: censoredPeople,
      censored_headcount: hj,
      contribution: M0 ? (WEIGHT[ind.dimension] * hj) / M0 : 0,
    };
  });
  const dimensions = DIMENSIONS.map((d) => {
    const censoredPeople = poor.filter((h) => failsDimension(h, d.id)).reduce((s, h) => s + h.members, 0);
    return {
      id: d.id,
      failed_households: rows.filter((h) => failsDimension(h, d.id)).length,
      censored_people: censoredPeople,
      censored_headcount: n ? censoredPeople / n : 0,
      contribution: indicators.filter((_, j) => INDICATORS[j].dimension === d.id).reduce((s, i) => s + i.contribution, 0),
    };
  });
  const failedDims = [0, 0, 0, 0, 0, 0];
  for (const h of rows) failedDims[DIMENSIONS.filter((d) => failsDimension(h, d.id)).length]++;
  const vul = [0, 0, 0, 0];
  for (const h of rows) {
    const v = vulnerability(h);
    if (v !== null) vul[v]++;
  }
  const targets = rows.filter((h) => h.deprived !== 0);
  return {
    households: rows.length,
    people: n,
    target_households: targets.length,
    target_people: targets.reduce((s, h) => s + h.members, 0),
    poor_people: q,
    h: H, a: A, m0: M0,
    failed_dims: failedDims,
    indicators, dimensions,
    vulnerability: vul,
    vulnerable_households: vul.reduce((s, v) => s + v, 0),
    welfare: {
      target_with_card: targets.filter((h) => h.welfare_card_holders > 0).length,
      target_without_card: targets.filter((h) => h.welfare_card_holders === 0).length,
      to_survey: rows.filter((h) => h.deprived === 0 && h.welfare_card_holders > 0).length,
    },
  };
}
