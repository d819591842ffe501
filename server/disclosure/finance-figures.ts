/**
 * The figures of household debt and access to finance (issue 24, area_stats since migration 015)
 * that the map, the rankings and the area API publish, each with the cells of the policy it rests
 * on: a file of its own because the tiles' figures (tile-figures.ts) and the policy's measure lookup
 * (policy.ts) both read it. The shares are of the households the survey asked.
 */
export const FINANCE_MEASURE_CELLS: Readonly<Record<string, string[]>> = {
  debt_households: ['debt_households'],
  informal_debt_households: ['informal_debt_households'],
  no_finance_households: ['no_finance_households'],
  debt_share: ['debt_households', 'debt_asked_households'],
  informal_debt_share: ['informal_debt_households', 'debt_asked_households'],
  no_finance_share: ['no_finance_households', 'finance_asked_households'],
};

export const FINANCE_MEASURES = Object.keys(FINANCE_MEASURE_CELLS);
