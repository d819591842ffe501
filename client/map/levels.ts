/**
 * Which administrative level the `areas` tiles carry at which zoom (the tile server's contract:
 * z0–6 provinces, z7–8 districts, z9–10 subdistricts, z11–14 villages), and where to put the
 * camera so that choosing an area shows its children.
 */
import type { AreaLevel } from '../api/types.js';

export type MapLevel = Exclude<AreaLevel, 'country'>;

const BANDS: ReadonlyArray<{ level: MapLevel; min: number; max: number }> = [
  { level: 'province', min: 0, max: 6 },
  { level: 'district', min: 7, max: 8 },
  { level: 'subdistrict', min: 9, max: 10 },
  { level: 'village', min: 11, max: 24 },
];

/** The level shown at a (fractional) map zoom; vector tiles are chosen at floor(zoom). */
export function levelAtZoom(zoom: number): MapLevel {
  const z = Math.floor(zoom);
  return (BANDS.find((b) => z >= b.min && z <= b.max) ?? BANDS[BANDS.length - 1]).level;
}

/**
 * The zoom range in which the children of an area of `level` are drawn. A village has no children,
 * so it is shown among its neighbours.
 */
export function zoomRangeForChildrenOf(level: AreaLevel): [number, number] {
  const childBand: Record<AreaLevel, MapLevel> = {
    country: 'province', province: 'district', district: 'subdistrict', subdistrict: 'village', village: 'village',
  };
  const band = BANDS.find((b) => b.level === childBand[level])!;
  const max = level === 'subdistrict' ? 13.5 : level === 'village' ? 14.5 : band.max + 0.99;
  return [band.min, max];
}

const ORDER: AreaLevel[] = ['country', 'province', 'district', 'subdistrict', 'village'];

export function depth(level: AreaLevel): number {
  return ORDER.indexOf(level);
}
