/**
 * The groups of people of an area and year (the rollup area_person_stats) as the area API returns
 * them, under the one disclosure policy: each group's people are withheld with their cell (which the
 * policy withholds too when the people live in 1 to 4 households, server/disclosure/cells.ts), and
 * its share with either count it rests on. The households holding a group are cells, not figures.
 * Groups 3.2 and 4 come from the registry linkage (area_registry_stats), cells of the same policy.
 */
import { Disclosure, type AreaDecision } from '../disclosure/policy.js';
import { PERSON_GROUPS } from './groups.js';

export interface GroupFigure {
  id: string;
  /** The group the share is of. */
  of: string;
  people: number | null;
  share: number | null;
}

export interface PeopleFigures {
  groups: GroupFigure[];
  /**
   * Group 3.2 and group 4 are counts of people from the registry linkage (area_registry_stats): null
   * when withheld. Group 3.2 is a part of group 4.
   */
  card_holders_unsurveyed: number | null;
  exclusion_errors: number | null;
}

/** The rollup's counts of one area (area_person_stats and area_registry_stats), by column name. */
export type PersonCounts = Record<string, number>;

/** An area's group figures, disclosed by `decision` (null: the caller sees every figure). */
export function peopleFigures(counts: PersonCounts | undefined, decision: AreaDecision | null): PeopleFigures {
  const d = new Disclosure(decision !== null, decision?.cells ?? {});
  const whole = decision?.suppressed ?? false;
  const people = new Map<string, number | null>();
  for (const g of PERSON_GROUPS) {
    people.set(g.id, d.count(g.id, whole ? null : counts?.[g.id] ?? 0));
  }
  const groups = PERSON_GROUPS.map((g) => {
    const n = people.get(g.id)!;
    const of = people.get(g.of)!;
    const share = n === null || !of ? null : n / of;
    return { id: g.id, of: g.of, people: n, share: d.follows(`${g.id}_share`, share, n, of) };
  });
  // the registry figures are cells of the same policy (server/disclosure/cells.ts REGISTRY_CELLS)
  const registry = (cell: 'card_holders_unsurveyed' | 'exclusion_errors') => d.count(cell, whole ? null : counts?.[cell] ?? 0);
  return { groups, card_holders_unsurveyed: registry('card_holders_unsurveyed'), exclusion_errors: registry('exclusion_errors') };
}
