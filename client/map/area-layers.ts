/**
 * The choropleth and its companions: admin lines, the hover outline and the selected area's
 * outline. Colours are set by map/choropleth.ts. The choropleth is part of the style the map is
 * created with (its TileJSON is preloaded by index.html); the boundary lines follow with the catalogue.
 */
import type { LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { OUTLINE_LAYER } from './base-style.js';
import { COLORS } from './colors.js';
import type { TileJson } from '../api/types.js';
import type { TileLayerInfo } from './tiles.js';
import { tileUrlsForYear } from './tiles.js';

export const AREAS_SOURCE = 'areas';
export const AREAS_LAYER = 'areas';
export const FILL_LAYER = 'areas-fill';
export const HOVER_LAYER = 'areas-hover';
export const SELECTED_LAYER = 'areas-selected';
/** Outlines of areas whose target share crossed the national one (change view only): up solid, down dashed. */
export const CROSSED_LAYERS = ['areas-crossed-up', 'areas-crossed-down'] as const;

/**
 * The base style with the choropleth's source and layers on top (its areas in the no-data colour
 * until the class breaks arrive): the map is created with them, so MapLibre asks for the areas'
 * tiles together with the basemap when it parses the style, not after a later addSource.
 */
export function withChoropleth(base: StyleSpecification, areas: TileJson, year: number): StyleSpecification {
  const areaLine = { type: 'line', source: AREAS_SOURCE, 'source-layer': AREAS_LAYER } as const;
  const crossed = ([[CROSSED_LAYERS[0], 'up', [1, 0]], [CROSSED_LAYERS[1], 'down', [2, 1.5]]] as const).map(([id, direction, dash]): LayerSpecification => ({
    ...areaLine,
    id,
    filter: ['==', ['get', 'crossed'], direction],
    layout: { visibility: 'none' },
    paint: { 'line-color': COLORS.crossed, 'line-width': 2, 'line-dasharray': [...dash] },
  }));
  const layers: LayerSpecification[] = [
    { id: FILL_LAYER, type: 'fill', source: AREAS_SOURCE, 'source-layer': AREAS_LAYER, paint: { 'fill-color': COLORS.noData, 'fill-opacity': 1 } },
    { ...areaLine, id: 'areas-lines', paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.3, 12, 1], 'line-opacity': 0.8 } },
    ...crossed,
    { ...areaLine, id: HOVER_LAYER, paint: { 'line-color': COLORS.hover, 'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, 0] } },
    OUTLINE_LAYER,
  ];
  return {
    ...base,
    sources: {
      ...base.sources,
      [AREAS_SOURCE]: { type: 'vector', tiles: tileUrlsForYear(areas, year), minzoom: areas.minzoom, maxzoom: areas.maxzoom, ...(areas.bounds ? { bounds: areas.bounds } : {}) },
    },
    layers: [...base.layers, ...layers],
  };
}

export function addBoundaryLayers(map: MapLibreMap, boundaries: TileLayerInfo | undefined, year: number): void {
  if (!boundaries) return;
  map.addSource('boundaries', {
    type: 'vector',
    tiles: tileUrlsForYear(boundaries.tilejson, year),
    minzoom: boundaries.tilejson.minzoom,
    maxzoom: boundaries.tilejson.maxzoom,
  });
  // Higher levels draw heavier, so a province edge reads through a field of district lines.
  map.addLayer({
    id: 'boundary-lines',
    type: 'line',
    source: 'boundaries',
    'source-layer': 'boundaries',
    paint: {
      'line-color': '#5a5a5a',
      'line-opacity': 0.7,
      'line-width': ['match', ['get', 'level'], 'province', 1.4, 'district', 0.9, 'subdistrict', 0.6, 0.4],
    },
  }, HOVER_LAYER);
  map.addLayer({
    id: SELECTED_LAYER,
    type: 'line',
    source: 'boundaries',
    'source-layer': 'boundaries',
    filter: ['==', ['get', 'code'], ''],
    paint: { 'line-color': COLORS.selected, 'line-width': 3 },
  });
}

/** Point the tile sources at another survey year. */
export function setAreaYear(map: MapLibreMap, tiles: Map<string, TileLayerInfo>, year: number): void {
  for (const id of ['areas', 'boundaries']) {
    const info = tiles.get(id);
    const source = map.getSource(id) as { setTiles?(t: string[]): void } | undefined;
    if (info && source?.setTiles) source.setTiles(tileUrlsForYear(info.tilejson, year));
  }
}
