/**
 * The map's own style: no remote basemap, no glyphs, no sprites. Sea, neighbouring countries and
 * Thailand's outline come from a file of the build (virtual:basemap), which MapLibre's worker
 * fetches and parses; the choropleth's layers go on top of it (map/area-layers.ts) before the map
 * is created, the other tile layers once the tile catalogue is known. Labels are HTML (tooltips),
 * never symbol text, so no glyph server is needed.
 *
 * The map starts with the basemap's source empty, and its data is set after the first painted
 * choropleth (loadBasemap): in software WebGL on 2 cores, fetching and tiling that GeoJSON in the
 * worker and drawing its layers' first frames held the first coloured map back by about 0.7 s of
 * data and 1.3 s of frames (the floor page with and without it, tests/bench/client-floor). The
 * choropleth covers Thailand; the sea is the background; the neighbours and the outline follow.
 */
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import basemapUrl from 'virtual:basemap';
import { COLORS } from './colors.js';

export { COLORS };

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      basemap: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': COLORS.sea } },
      { id: 'neighbours', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'neighbour'], paint: { 'fill-color': COLORS.neighbour } },
      { id: 'neighbour-lines', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'neighbour'], paint: { 'line-color': COLORS.neighbourLine, 'line-width': 0.6 } },
      { id: 'thailand', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'thailand'], paint: { 'fill-color': COLORS.thailand } },
    ],
  };
}

/** The neighbours and Thailand's outline into the basemap's source (once; later calls do nothing). */
export function loadBasemap(map: MapLibreMap): void {
  if (loaded.has(map)) return;
  const source = map.getSource<GeoJSONSource>('basemap');
  if (!source) {
    // the style is still being parsed: its sources exist from style.load on
    map.once('style.load', () => loadBasemap(map));
    return;
  }
  loaded.add(map);
  // absolute: the worker that fetches it does not resolve a path against this page
  void source.setData(new URL(basemapUrl, location.href).href);
}
const loaded = new WeakSet<MapLibreMap>();

/** Drawn above the choropleth so the country's edge stays crisp. */
export const OUTLINE_LAYER: LayerSpecification = {
  id: 'thailand-outline',
  type: 'line',
  source: 'basemap',
  filter: ['==', ['get', 'kind'], 'thailand'],
  paint: { 'line-color': COLORS.outline, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2] },
};
