/**
 * Which figures of an area's tile features (keys of tile_area_metrics) the policy withholds, from
 * its withheld cells: the published counts themselves, every share, mean, index or z-score computed
 * from a withheld count ('from-withheld-count'), a change from a year whose share was withheld
 * ('previous-year-withheld'); the accessibility shares and means follow their located, far and
 * near counts like any other share.
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { GROUP_FIGURES } from './group-figures.js';
import { FINANCE_MEASURE_CELLS } from './finance-figures.js';
import type { Withheld } from './policy.js';
import { withheldRecord } from './withheld-record.js';
import type { CellReason } from './suppression.js';

/** The counts a tile feature publishes as they are. */
const PUBLISHED_COUNTS = ['households', 'people', 'target_households', 'vulnerable_households', 'poor_people',
  'target_with_card', 'target_without_card', 'helped_households', 'menu_unmet', ...Array.from({ length: DIMENSIONS.length + 1 }, (_, n) => `fail_dims_${n}`),
  // household debt and access to finance (issue 24)
  'debt_households', 'informal_debt_households', 'no_finance_households',
  // target groups 3.2 and 4 of the registry linkage (issue 21): their own cells (REGISTRY_CELLS)
  'card_holders_unsurveyed', 'exclusion_errors'];

const TARGET_SHARE = ['target_households', 'households'];
/** The figures computed from counts, and the counts each rests on. */
const FOLLOWS: Record<string, string[]> = {
  target_share: TARGET_SHARE, stars: TARGET_SHARE, gi_z: TARGET_SHARE, gi_class: TARGET_SHARE, moran_class: TARGET_SHARE,
  light_residual: TARGET_SHARE, light_z: TARGET_SHARE, light_mismatch: TARGET_SHARE,
  change_target_share: TARGET_SHARE, crossed: TARGET_SHARE,
  h: ['poor_people', 'people'], a: ['poor_people'], m0: ['poor_people', 'people'],
  vulnerable_share: ['vulnerable_households', 'households'],
  helped_share: ['helped_households', 'target_households'],
  menu_unmet_share: ['menu_unmet', 'target_households'],
  // household debt and access to finance (issue 24): shares of the households asked
  ...Object.fromEntries(Object.entries(FINANCE_MEASURE_CELLS).filter(([figure]) => figure.endsWith('_share'))),
  ...Object.fromEntries(INDICATORS.map((i) => [`hc_${i.id}`, [`censored_people_${i.id}`, 'people']])),
  ...Object.fromEntries(DIMENSIONS.map((d) => [`dim_${d.id}`, [`dim_failed_${d.id}`, 'households']])),
};
const FOLLOWS_ENTRIES = Object.entries(FOLLOWS);

/** Figures comparing with the previous survey year. */
const CHANGES = ['change_target_share', 'crossed'];

export interface CellDecision {
  suppressed: boolean;
  cells: Record<string, CellReason>;
}

/** The accessibility figures, each with the counts it rests on. */
const ACCESS_FIGURES: Array<[string, string[]]> = ['school', 'clinic'].flatMap((service) => [
  // the share with its denominator gives the far count, and one minus it the near one
  ...[5, 10].map((km): [string, string[]] => [`${service}_far_${km}km_share`,
    [`target_${service}_located`, `target_${service}_far_${km}km`, `target_${service}_near_${km}km`]]),
  [`${service}_mean_km`, [`${service}_located`]] as [string, string[]],
]);

export function withheldFigures(area: CellDecision, previous: CellDecision | undefined): Withheld {
  const out: Withheld = withheldRecord();
  if (area.suppressed) return out;
  const withheld = (cells: string[]) => cells.some((c) => c in area.cells);
  for (const cell of PUBLISHED_COUNTS) if (cell in area.cells) out[cell] = area.cells[cell];
  for (const [figure, inputs] of FOLLOWS_ENTRIES) {
    if (withheld(inputs)) out[figure] = 'from-withheld-count';
    else if (CHANGES.includes(figure) && previous && (previous.suppressed || inputs.some((c) => c in previous.cells))) {
      out[figure] = 'previous-year-withheld';
    }
  }
  for (const [figure, inputs] of GROUP_FIGURES) if (withheld(inputs)) out[figure] = 'from-withheld-count';
  for (const [figure, inputs] of ACCESS_FIGURES) if (withheld(inputs)) out[figure] = 'from-withheld-count';
  return out;
}
