/**
 * A plain reference implementation of the MPI figures over raw household rows, written from the
 * design (section 5 of /work/shared/design.md) and not from the SQL or TypeScript under test: its own
 * table of the 17 indicators and 5 dimensions below, deprivation scores from the fractional weights
 * (1/20, 1/15, 1/10), poverty as c >= k, measures over people. tests/unit/indicators.test.ts checks
 * that the product's definition equals this table.
 */

/** The five dimensions in the design's order (weight 1/5 each). */
export const REFERENCE_DIMENSIONS = ['health', 'living', 'education', 'income', 'access'] as const;
type Dim = (typeof REFERENCE_DIMENSIONS)[number];

/**
 * The 17 BMN indicators in the design's order (indicator j, from 1, is bit j − 1 of `deprived`), each
 * with its dimension and weight: the dimension's 1/5 shared equally among its indicators.
 */
export const REFERENCE_INDICATORS: ReadonlyArray<{ id: string; dimension: Dim; weight: number }> = [
  // health: newborn weight >= 2,500 g; hygienic food; appropriate use of medicine; exercise (1/20 each)
  { id: 'newborn_weight', dimension: 'health', weight: 1 / 20 },
  { id: 'hygienic_food', dimension: 'health', weight: 1 / 20 },
  { id: 'medicine_use', dimension: 'health', weight: 1 / 20 },
  { id: 'exercise', dimension: 'health', weight: 1 / 20 },
  // living conditions: stable house; clean drinking water; enough water; tidy, hygienic home (1/20 each)
  { id: 'stable_house', dimension: 'living', weight: 1 / 20 },
  { id: 'drinking_water', dimension: 'living', weight: 1 / 20 },
  { id: 'enough_water', dimension: 'living', weight: 1 / 20 },
  { id: 'tidy_home', dimension: 'living', weight: 1 / 20 },
  // education: pre-school care; compulsory schooling; M.3 graduates continue to M.4; adult literacy (1/20 each)
  { id: 'preschool_care', dimension: 'education', weight: 1 / 20 },
  { id: 'compulsory_school', dimension: 'education', weight: 1 / 20 },
  { id: 'continue_m4', dimension: 'education', weight: 1 / 20 },
  { id: 'adult_literacy', dimension: 'education', weight: 1 / 20 },
  // income: 15-59 have work and income; 60+ have work or income; income per person above 38,000 baht (1/15 each)
  { id: 'work_15_59', dimension: 'income', weight: 1 / 15 },
  { id: 'work_60_plus', dimension: 'income', weight: 1 / 15 },
  { id: 'income_threshold', dimension: 'income', weight: 1 / 15 },
  // access to public services: elderly receive state care; disabled receive state care (1/10 each)
  { id: 'elderly_care', dimension: 'access', weight: 1 / 10 },
  { id: 'disabled_care', dimension: 'access', weight: 1 / 10 },
];

export interface RawHousehold {
  members: number;
  deprived: number;
  welfare_card_holders: number;
  income_per_person: number;
  dependents: number;
  housing_problem: boolean;
}

const fails = (h: RawHousehold, j: number) => (h.deprived & (1 << j)) !== 0;
const score = (h: RawHousehold) => REFERENCE_INDICATORS.reduce((s, ind, j) => s + (fails(h, j) ? ind.weight : 0), 0);
const failsDimension = (h: RawHousehold, dim: string) => REFERENCE_INDICATORS.some((ind, j) => ind.dimension === dim && fails(h, j));

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
  const indicators = REFERENCE_INDICATORS.map((ind, j) => {
    const censoredPeople = poor.filter((h) => fails(h, j)).reduce((s, h) => s + h.members, 0);
    const hj = n ? censoredPeople / n : 0;
    return {
      id: ind.id,
      deprived_households: rows.filter((h) => fails(h, j)).length,
      censored_people: censoredPeople,
      censored_headcount: hj,
      contribution: M0 ? (ind.weight * hj) / M0 : 0,
    };
  });
  const dimensions = REFERENCE_DIMENSIONS.map((d) => {
    const censoredPeople = poor.filter((h) => failsDimension(h, d)).reduce((s, h) => s + h.members, 0);
    return {
      id: d,
      failed_households: rows.filter((h) => failsDimension(h, d)).length,
      censored_people: censoredPeople,
      censored_headcount: n ? censoredPeople / n : 0,
      contribution: indicators.filter((_, j) => REFERENCE_INDICATORS[j].dimension === d).reduce((s, i) => s + i.contribution, 0),
    };
  });
  const failedDims = [0, 0, 0, 0, 0, 0];
  for (const h of rows) failedDims[REFERENCE_DIMENSIONS.filter((d) => failsDimension(h, d)).length]++;
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
