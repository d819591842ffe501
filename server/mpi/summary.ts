/**
 * An area's MPI summary from its rollup rows: the k-independent counts (area_stats) and the score
 * groups at or above the poverty threshold (area_score_stats). Pure, so tests can feed it by hand.
 * Measures are over people (household members), as the design says: H = q/n, A = mean score of the
 * poor, M0 = H·A, censored headcount h_j = people poor and deprived in j / n, contribution
 * w_j·h_j / M0. A dimension's contribution is the sum of its indicators'.
 */
import { DIMENSIONS, INDICATORS, type DimensionId } from './indicators.js';
import type { Identification } from './identification.js';

export interface AreaStatsRow {
  households: number;
  people: number;
  target_households: number;
  target_people: number;
  deprived_households: number[];
  dim_failed_households: number[];
  failed_dim_count_households: number[];
  vulnerability_households: number[];
  vulnerable_households: number;
  target_with_card: number;
  target_without_card: number;
  to_survey_households: number;
  stars: number | null;
}

export interface ScoreGroupRow {
  score60: number;
  households: number;
  people: number;
  deprived_people: number[];
  dim_failed_people: number[];
}

export interface IndicatorFigures {
  id: string;
  dimension: DimensionId;
  deprived_households: number;
  censored_people: number;
  censored_headcount: number;
  contribution: number;
}

export interface DimensionFigures {
  id: DimensionId;
  failed_households: number;
  censored_people: number;
  censored_headcount: number;
  contribution: number;
}

export interface MpiFigures {
  households: number;
  people: number;
  target_households: number;
  target_people: number;
  poor_households: number;
  poor_people: number;
  h: number;
  a: number;
  m0: number;
  failed_dims: number[];
  indicators: IndicatorFigures[];
  dimensions: DimensionFigures[];
  vulnerability: number[];
  vulnerable_households: number;
  welfare: { target_with_card: number; target_without_card: number; to_survey: number };
  stars: number | null;
}

/** An area without households (none surveyed that year): every count is zero. */
export const EMPTY_STATS: AreaStatsRow = {
  households: 0, people: 0, target_households: 0, target_people: 0,
  deprived_households: INDICATORS.map(() => 0), dim_failed_households: DIMENSIONS.map(() => 0),
  failed_dim_count_households: [0, 0, 0, 0, 0, 0], vulnerability_households: [0, 0, 0, 0],
  vulnerable_households: 0, target_with_card: 0, target_without_card: 0, to_survey_households: 0, stars: null,
};

const ratio = (num: number, den: number) => (den > 0 ? num / den : 0);

export function mpiFigures(stats: AreaStatsRow, poorGroups: ScoreGroupRow[], id: Identification): MpiFigures {
  let poorHouseholds = 0;
  let poorPeople = 0;
  let score60People = 0;
  const censored = INDICATORS.map(() => 0);
  const censoredDims = DIMENSIONS.map(() => 0);
  for (const g of poorGroups) {
    if (g.score60 < id.threshold60) continue;
    poorHouseholds += g.households;
    poorPeople += g.people;
    score60People += g.score60 * g.people;
    g.deprived_people.forEach((v, j) => (censored[j] += v));
    g.dim_failed_people.forEach((v, d) => (censoredDims[d] += v));
  }
  const n = stats.people;
  const m0 = ratio(score60People, 60 * n);
  const indicators = INDICATORS.map((ind, j) => {
    const h = ratio(censored[j], n);
    return {
      id: ind.id, dimension: ind.dimension, deprived_households: stats.deprived_households[j],
      censored_people: censored[j], censored_headcount: h, contribution: ratio((ind.weight60 / 60) * h, m0),
    };
  });
  const dimensions = DIMENSIONS.map((dim, d) => ({
    id: dim.id,
    failed_households: stats.dim_failed_households[d],
    censored_people: censoredDims[d],
    censored_headcount: ratio(censoredDims[d], n),
    contribution: indicators.filter((i) => i.dimension === dim.id).reduce((s, i) => s + i.contribution, 0),
  }));
  return {
    households: stats.households, people: n,
    target_households: stats.target_households, target_people: stats.target_people,
    poor_households: poorHouseholds, poor_people: poorPeople,
    h: ratio(poorPeople, n), a: ratio(score60People, 60 * poorPeople), m0,
    failed_dims: stats.failed_dim_count_households, indicators, dimensions,
    vulnerability: stats.vulnerability_households, vulnerable_households: stats.vulnerable_households,
    welfare: { target_with_card: stats.target_with_card, target_without_card: stats.target_without_card, to_survey: stats.to_survey_households },
    stars: stats.stars,
  };
}
