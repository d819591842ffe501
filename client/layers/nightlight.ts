/**
 * Night lights: the composite of the survey year (or the nearest earlier one loaded) as the server's
 * coloured PNG tiles (GET /tiles/nightlight.json lists the years), drawn over the choropleth. The key
 * draws the ramp the server colours with, read from the same TileJSON (`ramp`), so legend and pixels
 * agree.
 */
import type { Map as MapLibreMap, RasterTileSource } from 'maplibre-gl';
import { h } from '../dom.js';
import { t } from '../i18n/messages.js';
import type { TileLayerInfo } from '../map/tiles.js';
import type { Lang } from '../state/url-state.js';
import { setLayerVisible, type Overlay } from './overlay.js';

const SOURCE = 'nightlight';
const LAYER = 'nightlight-raster';

/** A stop of the colour ramp: radiance in nW/cm²/sr → RGBA, linear between stops. */
export interface RampStop {
  value: number;
  rgba: [number, number, number, number];
}

interface NightlightTileJson {
  tiles: string[];
  years?: number[];
  ramp?: RampStop[];
}

/** The ramp as a CSS gradient over 0 … the last stop, the value the colours saturate at. */
export function rampGradient(ramp: readonly RampStop[]): { gradient: string; last: number } {
  const css = (c: readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;
  const last = ramp[ramp.length - 1].value;
  const stops = ramp.map((s) => `${css(s.rgba)} ${((s.value / last) * 100).toFixed(1)}%`).join(', ');
  return { gradient: `linear-gradient(to right, ${stops})`, last };
}

/** The composite to show for a survey year: that year, else the newest before it, else the oldest. */
export function compositeYear(years: readonly number[], year: number): number | null {
  if (!years.length) return null;
  const before = years.filter((y) => y <= year);
  return before.length ? before[before.length - 1] : years[0];
}

/** The TileJSON's tile URL with another year in its path. */
export function nightlightTiles(info: TileLayerInfo, year: number): string[] {
  const tj = info.tilejson as unknown as NightlightTileJson;
  const shown = compositeYear(tj.years ?? [], year);
  return shown === null ? tj.tiles : tj.tiles.map((u) => u.replace(/\/nightlight\/\d{4}\//, `/nightlight/${shown}/`));
}

export const nightlightOverlay: Overlay = {
  id: 'nightlight',
  label: (lang) => t('layer_nightlight', lang),
  ownColours: true,
  clickableLayers: [],

  add(map, info, year) {
    map.addSource(SOURCE, { type: 'raster', tiles: nightlightTiles(info, year), tileSize: 256, minzoom: info.minzoom, maxzoom: info.maxzoom });
    map.addLayer({ id: LAYER, type: 'raster', source: SOURCE, layout: { visibility: 'none' }, paint: { 'raster-opacity': 0.85 } });
  },

  setVisible(map: MapLibreMap, visible: boolean) {
    setLayerVisible(map, LAYER, visible);
  },

  setYear(map: MapLibreMap, info: TileLayerInfo, year: number) {
    (map.getSource(SOURCE) as RasterTileSource | undefined)?.setTiles(nightlightTiles(info, year));
  },

  popup() {
    return h('div', {}); // no clickable features: the raster answers no clicks
  },

  key(lang: Lang, info: TileLayerInfo) {
    const ramp = (info.tilejson as unknown as NightlightTileJson).ramp ?? [];
    const scale = ramp.length ? rampGradient(ramp) : null;
    return h('div', { class: 'overlay-key', 'data-testid': 'nightlight-key' },
      scale ? h('div', { class: 'ramp', style: `height:10px;background:${scale.gradient}` }) : null,
      h('div', { class: 'muted' }, `${scale ? `0 – ${scale.last}+ ` : ''}nW/cm²/sr · ${t('nightlight_key', lang)}`));
  },
};
