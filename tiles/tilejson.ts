/**
 * The catalog (`GET /tiles`) and TileJSON 3.0 documents (`GET /tiles/{layer}.json`) of every layer,
 * vector and raster. Tile URLs start with the configured public origin (PUBLIC_URL), or are relative
 * ("/tiles/…") when none is configured — never built from the request's Host header — and carry
 * the year (and metric) the TileJSON was asked for, so a map that loads the TileJSON gets the
 * matching tiles. Raster tile URLs put the year in the path (`/tiles/nightlight/2023/{z}/{x}/{y}.png`,
 * the form QGIS users type); the same tiles answer at `/tiles/nightlight/{z}/{x}/{y}.png?year=`.
 */
import type { RasterTileLayer, TileLayer, TileQuery, VectorTileLayer } from './layer.js';
import { rasterDescription } from './registry.js';
import type { Bounds } from './service.js';

export interface CatalogEntry {
  id: string;
  name: string;
  description: string;
  tilejson: string;
  minzoom: number;
  maxzoom: number;
}

export function catalogEntry(layer: TileLayer): CatalogEntry {
  return {
    id: layer.id,
    name: layer.name,
    description: layer.description,
    tilejson: `/tiles/${layer.id}.json`,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
  };
}

/** `version`: the layer's data-version stamp, put in the URL as `v` so caches may keep the tile for good (tiles/cdn-headers.ts). */
export function tileUrl(origin: string, layer: TileLayer, q: TileQuery, version?: string): string {
  const v = version ? `?v=${version}` : '';
  if (layer.kind === 'raster') return `${origin}/tiles/${layer.id}/${q.year}/{z}/{x}/{y}.png${v}`;
  const params = new URLSearchParams();
  if (layer.usesYear && q.year !== undefined) params.set('year', String(q.year));
  if (q.metric !== undefined) params.set('metric', q.metric);
  if (version) params.set('v', version);
  const search = params.toString();
  return `${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt${search ? `?${search}` : ''}`;
}

function vectorTileJson(layer: VectorTileLayer, origin: string, q: TileQuery, bounds: Bounds, version: string | undefined) {
  return {
    tilejson: '3.0.0',
    name: layer.name,
    description: `${layer.description} Empty tiles answer 204 No Content.`,
    version: '1.0.0',
    scheme: 'xyz',
    tiles: [tileUrl(origin, layer, q, version)],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(layer.minzoom, 5)],
    vector_layers: layer.vectorLayers.map((v) => ({ ...v })),
    ...(layer.usesYear ? { year: q.year } : {}),
    ...(q.metric !== undefined ? { metric: q.metric } : {}),
  };
}

/** Raster TileJSON: the format, the loaded years (the client offers them) and the colour ramp (its legend). */
function rasterTileJson(layer: RasterTileLayer, origin: string, q: TileQuery, bounds: Bounds, years: readonly number[], version: string | undefined) {
  return {
    tilejson: '3.0.0',
    name: layer.name,
    description: rasterDescription(layer),
    scheme: 'xyz',
    format: layer.format,
    tiles: [tileUrl(origin, layer, q, version)],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds,
    year: q.year,
    years,
    ramp: layer.ramp,
  };
}

/** `years`: the layer's year set (raster TileJSON lists it); `version`: the layer's data-version stamp, when known. */
export function tileJson(layer: TileLayer, origin: string, q: TileQuery, bounds: Bounds, years: readonly number[], version?: string) {
  return layer.kind === 'raster' ? rasterTileJson(layer, origin, q, bounds, years, version) : vectorTileJson(layer, origin, q, bounds, version);
}
