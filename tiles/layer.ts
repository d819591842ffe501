/**
 * What a tile layer is: a value in the registry (tiles/registry.ts), never a route. A layer names
 * its SQL file, zoom range, the data it depends on (for cache invalidation), what it tells TileJSON,
 * and how a tile request becomes the SQL's bound parameters. The HTTP code knows none of the SQL.
 */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** The query parameters a tile request may carry, after validation and defaults. */
export interface TileQuery {
  /** Survey year; layers that do not use it get `undefined`. */
  year: number | undefined;
  /** One metric key (the `areas` layer only), or undefined for every metric. */
  metric: string | undefined;
}

/** A TileJSON 3.0 `vector_layers` entry. `fields` maps property name → description. */
export interface VectorLayer {
  id: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  fields: Record<string, string>;
}

/** Names in the data_version table. */
export type DataName = 'areas' | 'households' | 'services' | 'villages' | 'nightlight';

export interface TileLayer {
  id: string;
  name: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  /** File under sql/tiles/ holding the one statement that makes a tile (bound parameters only). */
  sql: string;
  /** How geometry is simplified per zoom, for people reading the registry. */
  simplification: string;
  /** A tile is stale once any of these data versions moves. */
  dependsOn: readonly DataName[];
  /** Whether `year` selects the data (and so is part of the cache key). */
  usesYear: boolean;
  /** Values `metric` may take; empty when the layer has no metric selection. */
  metrics: readonly string[];
  vectorLayers: readonly VectorLayer[];
  /** The SQL's bound parameters for a tile, in $1, $2 … order. */
  args(tile: TileAddress, query: TileQuery): unknown[];
}
