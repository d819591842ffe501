/**
 * The tile layer registry: one entry per layer, vector (MVT) and raster (PNG) alike; the catalog,
 * TileJSON, the address check and the cache all read it. Adding a layer is adding an entry here and
 * its SQL file under sql/tiles/. Every SQL parameter is bound; `args` only orders values already
 * validated. Two entries need facts the server owns (the MPI definition for the `areas` fields, the
 * overview factors the night-light importer stores), so the registry is made when the plugin mounts.
 */
import { AREA_IDENTITY_FIELDS, areaMetricFields, type AreaVocabulary } from './area-properties.js';
import type { RasterTileLayer, TileLayer, VectorTileLayer } from './layer.js';
import { ADMIN_MAXZOOM, LEVEL_ZOOMS, levelAtZoom } from './levels.js';
import { overviewFactor } from './overview.js';
import { colormap, describeRamp, NIGHTLIGHT_RAMP } from './ramp.js';

export interface RegistryOptions {
  /** The MPI indicators and dimensions, for the `areas` layer's hc_/dim_ metrics. */
  vocabulary: AreaVocabulary;
  /** Overview factors stored in nightlight_overview (the importer's), for the night-light layer. */
  nightlightOverviews: readonly number[];
}

const levelRule = LEVEL_ZOOMS.map((l) => `z${l.minzoom}-${l.maxzoom} ${l.level}`).join(', ');
const BANDED = 'pre-simplified per zoom band in tile_geometry (sql/functions/refresh_tile_geometry.sql), ' +
  'tolerance one tile pixel at the band\'s highest zoom';

/** TileJSON bounds of the admin-area layers: the loaded country outline. */
const COUNTRY_BOUNDS = { sql: 'bounds.sql', dependsOn: 'areas', byYear: false } as const;

function areasLayer(vocabulary: AreaVocabulary): VectorTileLayer {
  const metricFields = areaMetricFields(vocabulary);
  return {
    kind: 'vector',
    format: 'mvt',
    id: 'areas',
    name: 'Poverty by area',
    description: `Choropleth polygons, one admin level per zoom (${levelRule}), with the MPI metrics of a survey year.`,
    minzoom: 0,
    maxzoom: ADMIN_MAXZOOM,
    sql: 'areas.sql',
    simplification: BANDED,
    dependsOn: ['areas', 'households', 'nightlight'],
    usesYear: true,
    yearSet: 'survey',
    metrics: Object.keys(metricFields),
    bounds: COUNTRY_BOUNDS,
    vectorLayers: [{
      id: 'areas',
      description: `Admin areas (${levelRule}); feature id = integer area code`,
      minzoom: 0,
      maxzoom: ADMIN_MAXZOOM,
      fields: { ...AREA_IDENTITY_FIELDS, ...metricFields },
    }],
    args: (t, q) => [t.z, t.x, t.y, q.year, levelAtZoom(t.z), q.metric ?? ''],
  };
}

const boundaries: VectorTileLayer = {
  kind: 'vector',
  format: 'mvt',
  id: 'boundaries',
  name: 'Boundaries and labels',
  description: `Admin outlines (the level of the zoom and every coarser one) and label anchor points (${levelRule}).`,
  minzoom: 0,
  maxzoom: ADMIN_MAXZOOM,
  sql: 'boundaries.sql',
  simplification: BANDED,
  dependsOn: ['areas'],
  usesYear: false,
  yearSet: undefined,
  metrics: [],
  bounds: COUNTRY_BOUNDS,
  vectorLayers: [
    {
      id: 'boundaries',
      description: 'Outlines of the admin level shown at this zoom and of every coarser level',
      minzoom: 0,
      maxzoom: ADMIN_MAXZOOM,
      fields: { code: 'String: area code', level: 'String: province | district | subdistrict | village' },
    },
    {
      id: 'labels',
      description: 'Label anchor point of each area of the level shown at this zoom',
      minzoom: 0,
      maxzoom: ADMIN_MAXZOOM,
      fields: { code: 'String: area code', level: 'String: admin level', name_th: 'String: Thai name', name_en: 'String: English name' },
    },
  ],
  args: (t) => [t.z, t.x, t.y, levelAtZoom(t.z)],
};

const services: VectorTileLayer = {
  kind: 'vector',
  format: 'mvt',
  id: 'services',
  name: 'Schools and clinics',
  description: 'Schools, hospitals and subdistrict health-promoting hospitals as points (schools from z10; at z8-9 hospitals only).',
  minzoom: 8,
  maxzoom: ADMIN_MAXZOOM,
  sql: 'services.sql',
  simplification: 'points, none',
  dependsOn: ['services'],
  usesYear: false,
  yearSet: undefined,
  metrics: [],
  bounds: COUNTRY_BOUNDS,
  vectorLayers: [{
    id: 'services',
    description: 'Service points; feature id = service id. Schools from z10, hospitals and health-promoting hospitals from z8',
    minzoom: 8,
    maxzoom: ADMIN_MAXZOOM,
    fields: {
      id: 'Number: service id',
      kind: 'String: school | hospital | health_promoting_hospital',
      name_th: 'String: Thai name',
      name_en: 'String: English name',
      capacity: 'Number: pupils, or patients per day',
      subdistrict_code: 'String: subdistrict the service is in',
    },
  }],
  args: (t) => [t.z, t.x, t.y],
};

const villages: VectorTileLayer = {
  kind: 'vector',
  format: 'mvt',
  id: 'villages',
  name: 'Village potential',
  description: 'Villages at their label points with the seven village-potential scores of a year (1 = needs urgent development, 3 = advanced).',
  minzoom: 11,
  maxzoom: ADMIN_MAXZOOM,
  sql: 'villages.sql',
  simplification: 'points, none',
  // households: the default year is the newest survey year, which moves with the household data.
  dependsOn: ['areas', 'villages', 'households'],
  usesYear: true,
  yearSet: 'survey',
  metrics: [],
  bounds: COUNTRY_BOUNDS,
  vectorLayers: [{
    id: 'villages',
    description: 'Village points; feature id = integer village code',
    minzoom: 11,
    maxzoom: ADMIN_MAXZOOM,
    fields: {
      code: 'String: village code (8 digits)',
      name_th: 'String: Thai name',
      name_en: 'String: English name',
      ...Object.fromEntries(['infrastructure', 'economy', 'health', 'education', 'community_strength', 'environment', 'safety']
        .map((k) => [k, `Number: ${k.replace('_', ' ')} score 1-3 (absent when the year has no survey)`])),
    },
  }],
  args: (t, q) => [t.z, t.x, t.y, q.year],
};

const NIGHTLIGHT_COLORMAP = colormap(NIGHTLIGHT_RAMP);

function nightlightLayer(overviews: readonly number[]): RasterTileLayer {
  const description = 'VIIRS-like annual night-light composite (radiance, nW/cm²/sr) as coloured 256-px PNG tiles, one tile set per year.';
  return {
    kind: 'raster',
    format: 'png',
    id: 'nightlight',
    name: 'Night lights',
    description,
    minzoom: 0,
    maxzoom: ADMIN_MAXZOOM,
    sql: 'nightlight_png.sql',
    // A re-import of a composite bumps 'nightlight'.
    dependsOn: ['nightlight'],
    usesYear: true,
    yearSet: 'nightlight',
    metrics: [],
  bounds: COUNTRY_BOUNDS,
    ramp: NIGHTLIGHT_RAMP,
    args: (t, q) => [t.z, t.x, t.y, q.year, overviewFactor(t.z, overviews), NIGHTLIGHT_COLORMAP],
  };
}

/** The layers in catalog order, looked up by id. */
export class TileRegistry {
  constructor(readonly layers: readonly TileLayer[]) {}

  find(id: string): TileLayer | undefined {
    return this.layers.find((l) => l.id === id);
  }

  get vectorLayers(): VectorTileLayer[] {
    return this.layers.filter((l): l is VectorTileLayer => l.kind === 'vector');
  }
}

export function tileRegistry(options: RegistryOptions): TileRegistry {
  return new TileRegistry([areasLayer(options.vocabulary), boundaries, services, villages, nightlightLayer(options.nightlightOverviews)]);
}

/** The night-light layer's description in TileJSON: the catalog's, plus its ramp in words. */
export function rasterDescription(layer: RasterTileLayer): string {
  return `${layer.description} ${describeRamp(layer.ramp)}`;
}
