/**
 * The catalog (`GET /tiles`) and TileJSON 3.0 documents (`GET /tiles/{layer}.json`). Tile URLs are
 * absolute, built from the request's protocol and host, and carry the query (year, metric) the
 * TileJSON was asked for, so a map that loads the TileJSON gets the matching tiles.
 */
import type { TileLayer, TileQuery } from './layer.js';
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

export function tileUrl(origin: string, layer: TileLayer, q: TileQuery): string {
  const params = new URLSearchParams();
  if (layer.usesYear && q.year !== undefined) params.set('year', String(q.year));
  if (q.metric !== undefined) params.set('metric', q.metric);
  const search = params.toString();
  return `${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt${search ? `?${search}` : ''}`;
}

export function tileJson(layer: TileLayer, origin: string, q: TileQuery, bounds: Bounds) {
  return {
    tilejson: '3.0.0',
    name: layer.name,
    description: `${layer.description} Empty tiles answer 204 No Content.`,
    version: '1.0.0',
    scheme: 'xyz',
    tiles: [tileUrl(origin, layer, q)],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(layer.minzoom, 5)],
    vector_layers: layer.vectorLayers.map((v) => ({ ...v })),
    ...(layer.usesYear ? { year: q.year } : {}),
    ...(q.metric !== undefined ? { metric: q.metric } : {}),
  };
}
