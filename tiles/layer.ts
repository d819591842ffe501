/**
 * What a tile layer is: a value in the registry (tiles/registry.ts), never a route. A layer names
 * its kind (vector MVT or raster PNG, each made by its source in tiles/sources/), its SQL file, zoom
 * range, the data it depends on (for cache invalidation), what it tells TileJSON, and how a tile
 * request becomes the SQL's bound parameters. The HTTP code knows none of the SQL.
 */
import type { RampStop } from './ramp.js';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** The query parameters a tile request may carry, after validation and defaults. */
export interface TileQuery {
  /** The year of the layer's year set; layers without one get `undefined`. */
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

/** Which years `year` picks from: the survey years of the rollups, or the loaded night-light composites. */
export type YearSet = 'survey' | 'nightlight';

/** The tile formats, by URL extension; `pbf` is another name for `mvt`. */
export type TileFormat = 'mvt' | 'png';

/** A statement in sql/tiles/ answering one row `west, south, east, north` (degrees), kept while `dependsOn` holds. */
export interface LayerBounds {
  sql: string;
  dependsOn: DataName;
  /** The statement takes the year as $1 (the extent differs per year). */
  byYear: boolean;
}

interface LayerBase {
  id: string;
  name: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  /** File under sql/tiles/ holding the one statement that makes a tile (bound parameters only). */
  sql: string;
  /** A tile is stale once any of these data versions moves. */
  dependsOn: readonly DataName[];
  /** Whether `year` selects the data (and so is part of the cache key). */
  usesYear: boolean;
  /** The years `year` may take (and whose newest is the default); set when usesYear. */
  yearSet: YearSet | undefined;
  /** Values `metric` may take; empty when the layer has no metric selection. */
  metrics: readonly string[];
  /** Where TileJSON `bounds` come from. */
  bounds: LayerBounds;
  /** The SQL's bound parameters for a tile, in $1, $2 … order. */
  args(tile: TileAddress, query: TileQuery): unknown[];
}

/** Mapbox vector tiles made by ST_AsMVT (tiles/sources/mvt.ts). */
export interface VectorTileLayer extends LayerBase {
  kind: 'vector';
  format: 'mvt';
  /** How geometry is simplified per zoom, for people reading the registry. */
  simplification: string;
  vectorLayers: readonly VectorLayer[];
}

/** 256-px PNG tiles coloured from a postgis_raster coverage (tiles/sources/raster.ts). */
export interface RasterTileLayer extends LayerBase {
  kind: 'raster';
  format: 'png';
  /** Value → RGBA stops, linear between them; TileJSON publishes them so legends match the pixels. */
  ramp: readonly RampStop[];
}

export type TileLayer = VectorTileLayer | RasterTileLayer;
