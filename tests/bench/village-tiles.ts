/**
 * The tile addresses the load benchmarks (soak, scale) request: around each sampled village, one
 * layer per zoom (6, 8, …, 14) in rotation, skipping zooms below a layer's minzoom (they would be 404).
 */
import { tileOf } from '../helpers/tiles.js';

export function tilesAroundVillages(villages: ReadonlyArray<{ lon: number; lat: number }>): string[] {
  const tiles: string[] = [];
  for (const [i, v] of villages.entries()) {
    for (const z of [6, 8, 10, 12, 14]) {
      const t = tileOf(v.lon, v.lat, z);
      const layer = ['areas', 'boundaries', 'services', 'villages'][(i + z) % 4];
      if ((layer === 'villages' && z < 11) || (layer === 'services' && z < 8)) continue; // below the layer's minzoom: 404
      tiles.push(`/tiles/${layer}/${z}/${t.x}/${t.y}.mvt`);
    }
  }
  return tiles;
}
