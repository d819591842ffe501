/**
 * The household an analyst chose to "show on map", drawn by deck.gl through its MapLibre overlay.
 * Household points are never in public tiles, so this is the one place they reach the map.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Point } from '../state/url-state.js';
import { setDeckLayers } from './deck-overlay.js';

/** Magenta: unlike any choropleth, overlay or outline colour on the map. */
export const PIN_COLOR = '#d6007e';
const PIN_RGB: [number, number, number, number] = [214, 0, 126, 255];

export async function showPin(map: MapLibreMap, pin: Point | null): Promise<void> {
  if (!pin) return setDeckLayers(map, 'pin', []);
  const { ScatterplotLayer } = await import('@deck.gl/layers');
  return setDeckLayers(map, 'pin', [
      new ScatterplotLayer<Point>({
        id: 'household-pin',
        data: [pin],
        getPosition: (p) => [p.lon, p.lat],
        getRadius: 9,
        radiusUnits: 'pixels',
        getFillColor: PIN_RGB,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        stroked: true,
      }),
  ]);
}
