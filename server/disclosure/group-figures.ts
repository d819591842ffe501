/**
 * The figures of the groups of people as the tiles carry them, each with the cells it rests on: a
 * file of its own because both the tiles' figures (tile-figures.ts) and the policy's figure lookup
 * (policy.ts) read it.
 */
import { GROUP_MEASURES } from '../people/groups.js';

/**
 * The tiles' figures of the groups of people (people_<id>, share_<id>) and the cells each rests on:
 * the group's people (withheld by the policy also when they live in 1 to 4 households) and those of
 * the group its share is of.
 */
export const GROUP_FIGURES: ReadonlyArray<[string, string[]]> = GROUP_MEASURES.flatMap((g) => [
  [`people_${g.id}`, [g.id]],
  [`share_${g.id}`, [g.id, g.of]],
] as Array<[string, string[]]>);
