/**
 * The tile layer registry: one entry per layer. Adding a layer is adding an entry here and its SQL
 * file under sql/tiles/. Every SQL parameter is bound; `args` only orders values already validated.
 */
import type { TileLayer } from './layer.js';
import { ADMIN_MAXZOOM, LEVEL_ZOOMS, levelAtZoom } from './levels.js';
import { AREA_IDENTITY_FIELDS, AREA_METRICS, AREA_METRIC_FIELDS } from './area-properties.js';

const levelRule = LEVEL_ZOOMS.map((l) => `z${l.minzoom}-${l.maxzoom} ${l.level}`).join(', ');
const BANDED = 'pre-simplified per zoom band in tile_geometry (sql/migrations/010_tile_geometry.sql), ' +
  'tolerance one tile pixel at the band\'s highest zoom';

const areas: TileLayer = {
  id: 'areas',
  name: 'Poverty by area',
  description: `Choropleth polygons, one admin level per zoom (${levelRule}), with the MPI metrics of a survey year.`,
  minzoom: 0,
  maxzoom: ADMIN_MAXZOOM,
  sql: 'areas.sql',
  simplification: BANDED,
  dependsOn: ['areas', 'households', 'nightlight'],
  usesYear: true,
  metrics: AREA_METRICS,
  vectorLayers: [{
    id: 'areas',
    description: `Admin areas (${levelRule}); feature id = integer area code`,
    minzoom: 0,
    maxzoom: ADMIN_MAXZOOM,
    fields: { ...AREA_IDENTITY_FIELDS, ...AREA_METRIC_FIELDS },
  }],
  args: (t, q) => [t.z, t.x, t.y, q.year, levelAtZoom(t.z), q.metric ?? ''],
};

const boundaries: TileLayer = {
  id: 'boundaries',
  name: 'Boundaries and labels',
  description: `Admin outlines (the level of the zoom and every coarser one) and label anchor points (${levelRule}).`,
  minzoom: 0,
  maxzoom: ADMIN_MAXZOOM,
  sql: 'boundaries.sql',
  simplification: BANDED,
  dependsOn: ['areas'],
  usesYear: false,
  metrics: [],
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

const services: TileLayer = {
  id: 'services',
  name: 'Schools and clinics',
  description: 'Schools, hospitals and subdistrict health-promoting hospitals as points (schools from z10; at z8-9 hospitals only).',
  minzoom: 8,
  maxzoom: ADMIN_MAXZOOM,
  sql: 'services.sql',
  simplification: 'points, none',
  dependsOn: ['services'],
  usesYear: false,
  metrics: [],
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

const villages: TileLayer = {
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
  metrics: [],
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

export const TILE_LAYERS: readonly TileLayer[] = [areas, boundaries, services, villages];

export function findLayer(id: string): TileLayer | undefined {
  return TILE_LAYERS.find((l) => l.id === id);
}
