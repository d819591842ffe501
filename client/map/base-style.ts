/**
 * The map's own style: no remote basemap, no glyphs, no sprites. Sea, neighbouring countries and
 * Thailand's outline come from a file of the build (virtual:basemap), which MapLibre's worker
 * fetches and parses; the choropleth's layers go on top of it (map/area-layers.ts) before the map
 * is created, the other tile layers once the tile catalogue is known. Labels are HTML (tooltips),
 * never symbol text, so no glyph server is needed.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import basemapUrl from 'virtual:basemap';
import { COLORS } from './colors.js';

export { COLORS };

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      // absolute: the worker that fetches it does not resolve a path against this page
      basemap: { type: 'geojson', data: new URL(basemapUrl, location.href).href },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': COLORS.sea } },
      { id: 'neighbours', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'neighbour'], paint: { 'fill-color': COLORS.neighbour } },
      { id: 'neighbour-lines', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'neighbour'], paint: { 'line-color': COLORS.neighbourLine, 'line-width': 0.6 } },
      { id: 'thailand', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'thailand'], paint: { 'fill-color': COLORS.thailand } },
    ],
  };
}

/** Drawn above the choropleth so the country's edge stays crisp. */
export const OUTLINE_LAYER: LayerSpecification = {
  id: 'thailand-outline',
  type: 'line',
  source: 'basemap',
  filter: ['==', ['get', 'kind'], 'thailand'],
  paint: { 'line-color': COLORS.outline, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2] },
};
