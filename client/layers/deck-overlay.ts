/**
 * The one deck.gl overlay on the MapLibre map, shared by what draws through deck.gl (area names, the
 * household pin): each user sets its own layers under its own key. deck.gl is loaded on first use,
 * keeping it out of the JavaScript the first paint of the choropleth waits for.
 *
 * The keys draw in a fixed order, whatever order their layers arrive in: a household's pin stands
 * on its village's point, so a name drawn after it would cover it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Layer } from '@deck.gl/core';

type Overlay = import('@deck.gl/mapbox').MapboxOverlay;

/** Drawing order, bottom first. */
const DRAW_ORDER = ['labels', 'pin'] as const;
export type DeckLayerKey = (typeof DRAW_ORDER)[number];

const overlays = new WeakMap<MapLibreMap, Promise<Overlay>>();
const layersOf = new WeakMap<MapLibreMap, Map<DeckLayerKey, Layer[]>>();

function overlayFor(map: MapLibreMap): Promise<Overlay> {
  let o = overlays.get(map);
  if (!o) {
    o = import('@deck.gl/mapbox').then(({ MapboxOverlay }) => {
      // the drawing buffer is kept, like the map's, so the report can copy the names into its picture
      const overlay = new MapboxOverlay({ interleaved: false, layers: [], deviceProps: { webgl: { preserveDrawingBuffer: true } } } as ConstructorParameters<typeof MapboxOverlay>[0]);
      map.addControl(overlay);
      return overlay;
    });
    overlays.set(map, o);
  }
  return o;
}

/** Replace the layers drawn under `key` (an empty list removes them). */
export async function setDeckLayers(map: MapLibreMap, key: DeckLayerKey, layers: Layer[]): Promise<void> {
  let all = layersOf.get(map);
  if (!all) {
    if (!layers.length) return; // nothing drawn yet, nothing to remove: deck.gl need not load
    all = new Map();
    layersOf.set(map, all);
  }
  all.set(key, layers);
  const overlay = await overlayFor(map);
  overlay.setProps({ layers: inDrawOrder(all) });
}

/** Every key's layers, bottom first, in DRAW_ORDER whatever order the keys were set in. */
export function inDrawOrder<L>(layersByKey: ReadonlyMap<DeckLayerKey, L[]>): L[] {
  return DRAW_ORDER.flatMap((k) => layersByKey.get(k) ?? []);
}
