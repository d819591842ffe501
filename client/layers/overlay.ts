/**
 * An overlay is a tile layer drawn over the choropleth that the user switches on and off from the
 * layer list. The list shows every overlay the tile server offers and the client knows how to draw;
 * night lights and later layers join by adding an entry to layers/registry.ts.
 */
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { tileUrlsForYear, type TileLayerInfo } from '../map/tiles.js';
import type { Lang } from '../state/url-state.js';

export interface Overlay {
  /** The tile catalogue id, also the id in the URL's `layers=`. */
  id: string;
  label(lang: Lang): string;
  /** Add sources and (hidden) layers; called once, when the catalogue has the layer. */
  add(map: MapLibreMap, info: TileLayerInfo, year: number): void;
  setVisible(map: MapLibreMap, visible: boolean): void;
  setYear(map: MapLibreMap, info: TileLayerInfo, year: number): void;
  /**
   * The overlay covers the areas in see-through colours of its own (a raster): the choropleth's
   * classes are hidden while it is on, since mixed colours would match no class of the legend.
   */
  ownColours?: boolean;
  /** Map layers whose features answer clicks with a popup. */
  clickableLayers: string[];
  popup(feature: MapGeoJSONFeature, lang: Lang): HTMLElement;
  /** The symbols and what they stand for, under the overlay's switch (`info`: the layer's TileJSON, e.g. a ramp). */
  key(lang: Lang, info: TileLayerInfo): HTMLElement;
}

/** Show or hide a map layer of an overlay (a no-op before the overlay has added it). */
export function setLayerVisible(map: MapLibreMap, layer: string, visible: boolean): void {
  if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
}

/** Point an overlay's vector source at another survey year's tiles. */
export function setSourceYear(map: MapLibreMap, source: string, info: TileLayerInfo, year: number): void {
  (map.getSource(source) as { setTiles?(t: string[]): void } | undefined)?.setTiles?.(tileUrlsForYear(info.tilejson, year));
}
