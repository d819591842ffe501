/**
 * The cells the disclosure policy decides on: every count of households or people that the rollups
 * (area_stats, area_assistance) hold per area and survey year, and how the cells relate, which is
 * what an attacker could subtract:
 * - `partOf`: the cell is one part of a partition of another cell of the same area (the
 *   failed-dimension counts add up to the households, the vulnerability levels to the vulnerable
 *   households, the welfare-card split and the logbook statuses to the target households, far and
 *   near to the located,
 *   the urgent targets' people with and without a welfare card to the target people);
 * - `peopleOf`: the cell counts the people of a group of households (another cell), so a group of 1
 *   to 4 households makes it a family's size;
 * - every cell of a parent area is the sum of the same cell over its children.
 * The order here is the order of the `counts` arrays of `sql/disclosure/area_counts.sql` and
 * `sql/disclosure/poor_counts.sql`.
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { PERSON_GROUPS } from '../people/groups.js';

export interface Cell {
  name: string;
  partOf?: string;
  /** Which partition of `partOf` the cell is in, when the total is split more than one way. */
  partition?: string;
  peopleOf?: string;
}

/**
 * The accessibility counts (area_access_stats, the distances precomputed at 5 and 10 km): located
 * target households split into far and near at each distance, and into located and not located.
 */
const ACCESS_CELLS: Cell[] = (['school', 'clinic'] as const).flatMap((s) => [
  { name: `${s}_located` },
  { name: `target_${s}_located`, partOf: 'target_households', partition: `${s}_location` },
  { name: `target_${s}_unlocated`, partOf: 'target_households', partition: `${s}_location` },
  ...[5, 10].flatMap((km) => [
    { name: `target_${s}_far_${km}km`, partOf: `target_${s}_located`, partition: `${s}_${km}km` },
    { name: `target_${s}_near_${km}km`, partOf: `target_${s}_located`, partition: `${s}_${km}km` },
  ]),
]);

/**
 * The groups of people (area_person_stats): each group's people, counted in the households holding
 * one (a group in 1 to 4 households tells a family's members); the urgent targets with and without a
 * welfare card split the target households' people.
 */
const PERSON_CELLS: Cell[] = PERSON_GROUPS.flatMap((g) => [
  { name: `${g.id}_households` },
  {
    name: g.id, peopleOf: `${g.id}_households`,
    ...(g.id === 'target_card' || g.id === 'target_nocard' ? { partOf: 'target_people', partition: 'person_card' } : {}),
  },
]);

/**
 * Household debt and access to finance (area_stats, migration 015): the households asked and those
 * with each flag. Only the flags' counts and shares of the asked are published; their complements
 * (households without debt, with formal debt only, with access) are no figure, so no partition.
 */
const FINANCE_CELLS: Cell[] = [
  { name: 'debt_asked_households' },
  { name: 'debt_households' },
  { name: 'informal_debt_households' },
  { name: 'finance_asked_households' },
  { name: 'no_finance_households' },
];

/**
 * The registry figures (area_registry_stats, issue 21): people in a registry and in no survey
 * (group 4), split into those of the welfare-card registry (group 3.2) and the rest, so that group 4
 * minus group 3.2 is a cell too. Registry codes can be of any level, so a parent's count is its
 * children's plus the people coded to it and not below: the policy decides those remainders as a
 * pseudo-child of each area (server/disclosure/registry-remainders.ts).
 */
export const REGISTRY_CELLS: readonly Cell[] = [
  { name: 'exclusion_errors' },
  { name: 'card_holders_unsurveyed', partOf: 'exclusion_errors', partition: 'registry_card' },
  { name: 'exclusion_errors_no_card', partOf: 'exclusion_errors', partition: 'registry_card' },
];

/** Failed-dimension counts 0..5: the households failing that many dimensions. */
const FAILED_DIMENSION_CELLS = DIMENSIONS.length + 1;
/** Vulnerability levels 0..3 of design §4. */
const VULNERABILITY_LEVELS = 4;

/** The counts that do not depend on the poverty cut-off (area_stats, area_assistance). */
export const COUNT_CELLS: readonly Cell[] = [
  { name: 'households' },
  { name: 'people', peopleOf: 'households' },
  { name: 'target_households' },
  { name: 'target_people', peopleOf: 'target_households' },
  { name: 'vulnerable_households' },
  { name: 'target_with_card', partOf: 'target_households' },
  { name: 'target_without_card', partOf: 'target_households' },
  { name: 'to_survey' },
  { name: 'helped_households' },
  // the targets by the status of their latest logbook entry
  ...['none', 'planned', 'in_progress', 'done'].map((status) => ({ name: `targets_${status}`, partOf: 'target_households', partition: 'logbook' })),
  ...Array.from({ length: FAILED_DIMENSION_CELLS }, (_, n) => ({ name: `fail_dims_${n}`, partOf: 'households' })),
  ...Array.from({ length: VULNERABILITY_LEVELS }, (_, n) => ({ name: `vulnerability_${n}`, partOf: 'vulnerable_households' })),
  ...INDICATORS.map((i) => ({ name: `deprived_${i.id}` })),
  ...DIMENSIONS.map((d) => ({ name: `dim_failed_${d.id}` })),
  ...ACCESS_CELLS,
  ...PERSON_CELLS,
  // the targets against the solution menu (area_menu_need): served by an item with capacity, or not
  { name: 'menu_served', partOf: 'target_households', partition: 'menu' },
  { name: 'menu_unmet', partOf: 'target_households', partition: 'menu' },
  // household debt and access to finance (issue 24)
  ...FINANCE_CELLS,
  // the registry figures, last (sql/disclosure/area_counts.sql)
  ...REGISTRY_CELLS,
];

/**
 * The counts about the poor at one poverty cut-off (area_score_stats at or above a score), decided
 * apart from the others since a caller may pick another cut-off; `households` comes first only to
 * know the areas withheld whole, its decision is COUNT_CELLS'. The poor households bound the people
 * of every censored headcount from above.
 */
export const POOR_CELLS: readonly Cell[] = [
  { name: 'households' },
  { name: 'poor_households' },
  { name: 'poor_people', peopleOf: 'poor_households' },
  ...INDICATORS.map((i) => ({ name: `censored_people_${i.id}`, peopleOf: 'poor_households' })),
  ...DIMENSIONS.map((d) => ({ name: `dim_censored_people_${d.id}`, peopleOf: 'poor_households' })),
];

/**
 * The accessibility counts at a distance that is not precomputed (a caller's km), decided apart:
 * `households` and `target_households` come first only to know the areas withheld whole and the
 * totals; their decisions are COUNT_CELLS'.
 */
export const FAR_CELLS: readonly Cell[] = [
  { name: 'households' },
  { name: 'target_households' },
  ...(['school', 'clinic'] as const).flatMap((s) => [
    { name: `target_${s}_located`, partOf: 'target_households', partition: `${s}_location` },
    { name: `target_${s}_unlocated`, partOf: 'target_households', partition: `${s}_location` },
    { name: `target_${s}_far`, partOf: `target_${s}_located` },
    { name: `target_${s}_near`, partOf: `target_${s}_located` },
  ]),
];

/** The cells of POOR_CELLS a decision at another cut-off replaces. */
export const isPoorCell = (name: string) => name !== 'households' && POOR_CELLS.some((c) => c.name === name);

export const cellIndex = (cells: readonly Cell[]) => new Map(cells.map((c, i) => [c.name, i]));
