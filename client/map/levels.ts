/**
 * Which administrative level the `areas` tiles carry at which zoom, which level lies below which,
 * and where to put the camera so that choosing an area shows its children. The levels, their zoom
 * bands and geocode lengths are the server's (GET /api/meta `levels`, from tiles/levels.ts), passed
 * in: the client holds no copy of its own.
 */
import type { AreaLevel, LevelBand } from '../api/types.js';

export type MapLevel = LevelBand['level'];

/**
 * The level shown at a (fractional) map zoom; vector tiles are chosen at floor(zoom). Beyond the
 * deepest band the map overzooms its last tiles, so the deepest level is still the one shown.
 */
export function levelAtZoom(levels: readonly LevelBand[], zoom: number): MapLevel {
  const z = Math.floor(zoom);
  return (levels.find((b) => z >= b.minzoom && z <= b.maxzoom) ?? levels[levels.length - 1]).level;
}

/** The level below `level` (the country's is the first admin level), or null for the deepest. */
export function childLevel(levels: readonly LevelBand[], level: AreaLevel): MapLevel | null {
  if (level === 'country') return levels[0].level;
  const i = levels.findIndex((b) => b.level === level);
  return levels[i + 1]?.level ?? null;
}

/** The level of a geocode by its number of digits; 'TH' (and anything that is no geocode) is the country. */
export function levelOfCode(levels: readonly LevelBand[], code: string): AreaLevel {
  if (!/^\d+$/.test(code)) return 'country';
  return levels.find((b) => b.code_digits === code.length)?.level ?? 'country';
}

/** Whether `shown` lies below `above` in the drill-down. */
export function isBelow(levels: readonly LevelBand[], shown: MapLevel, above: MapLevel): boolean {
  return levels.findIndex((b) => b.level === shown) > levels.findIndex((b) => b.level === above);
}

/**
 * The zoom range in which the children of an area of `level` are drawn. A village has no children,
 * so it is shown among its neighbours. In the deepest band the camera stops half a zoom before the
 * last zoom with tiles of its own, or half a zoom past it when it frames an area of that level.
 */
export function zoomRangeForChildrenOf(levels: readonly LevelBand[], level: AreaLevel): [number, number] {
  const deepest = levels[levels.length - 1];
  const shown = childLevel(levels, level) ?? deepest.level;
  const band = levels.find((b) => b.level === shown)!;
  const max = shown !== deepest.level ? band.maxzoom + 0.99 : level === deepest.level ? deepest.maxzoom + 0.5 : deepest.maxzoom - 0.5;
  return [band.minzoom, max];
}
