/**
 * The household an analyst chose to "show on map", drawn by deck.gl through its MapLibre overlay.
 * Household points are never in public tiles, so this is the one place they reach the map. deck.gl
 * is loaded on first use only, keeping it out of the first paint of the choropleth.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Point } from '../state/url-state.js';

type Overlay = import('@deck.gl/mapbox').MapboxOverlay;

/** Magenta: unlike any choropleth, overlay or outline colour on the map. */
export const PIN_COLOR = '#d6007e';
const PIN_RGB: [number, number, number, number] = [214, 0, 126, 255];

let overlay: Overlay | null = null;
let loading: Promise<Overlay> | null = null;

async function ensureOverlay(map: MapLibreMap): Promise<Overlay> {
  if (overlay) return overlay;
  loading ??= import('@deck.gl/mapbox').then(({ MapboxOverlay }) => {
    overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    return overlay;
  });
  return loading;
}

export async function showPin(map: MapLibreMap, pin: Point | null): Promise<void> {
  if (!pin && !overlay) return;
  const o = await ensureOverlay(map);
  if (!pin) {
    o.setProps({ layers: [] });
    return;
  }
  const { ScatterplotLayer } = await import('@deck.gl/layers');
  o.setProps({
    layers: [
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
    ],
  });
}
