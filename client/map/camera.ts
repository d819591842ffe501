/**
 * Where the camera goes for a selection: the area's bounding box, with the zoom held inside the band
 * where its children are drawn (so choosing a province always shows districts, whatever its size).
 * The URL's `at=` wins when present; otherwise the camera is derived and then written back.
 */
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { AreaLevel, LevelBand } from '../api/types.js';
import type { Camera } from '../state/url-state.js';
import { zoomRangeForChildrenOf } from './levels.js';

/** Thailand's extent, for the country view before any area summary has arrived. */
export const THAILAND_BBOX: [number, number, number, number] = [97.3, 5.6, 105.7, 20.5];

/**
 * Pixels kept free around a framed area. The map is created at Thailand's extent with the same
 * padding, so the country view's framing (once the definitions have come) lands where the map
 * already is instead of moving it while the first tiles load.
 */
export const FRAME_PADDING = 40;

export function frameArea(map: MapLibreMap, levels: readonly LevelBand[], bbox: [number, number, number, number], level: AreaLevel, animate: boolean): void {
  const [minZoom, maxZoom] = zoomRangeForChildrenOf(levels, level);
  const camera = map.cameraForBounds(bbox as LngLatBoundsLike, { padding: FRAME_PADDING });
  if (!camera) return;
  const zoom = Math.max(minZoom, Math.min(maxZoom, camera.zoom ?? minZoom));
  const options = { center: camera.center, zoom, bearing: 0, pitch: 0 };
  if (animate) map.flyTo({ ...options, duration: 1200, essential: true });
  else map.jumpTo(options);
}

export function cameraOf(map: MapLibreMap): Camera {
  const c = map.getCenter();
  return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
}

/** Close enough that moving would be invisible (avoids a URL → map → URL loop). */
export function sameCamera(a: Camera, b: Camera): boolean {
  return Math.abs(a.zoom - b.zoom) < 0.01 && Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.lon - b.lon) < 1e-5;
}
