/**
 * The collections /ogc serves (issue 19), one declarative entry each: where its features come from
 * (one of sql/ogc/*_source.sql with its fixed bindings), which years it has, its properties with
 * their types (the queryables CQL2 may name, the columns downloads write), and which layer of the
 * one tile stack (tiles/) draws it. Area metrics are the keys of the public tile_area_metrics view,
 * so the list follows tiles/area-properties.ts and a metric added there appears here too.
 */
import { AREA_VOCABULARY } from '../areas/vocabulary.js';
import { areaMetricFields } from '../../tiles/area-properties.js';
import { LEVEL_ZOOMS, type AdminLevel } from '../../tiles/levels.js';

export type PropertyType = 'string' | 'number' | 'integer' | 'boolean';

export interface Property {
  name: string;
  type: PropertyType;
  description: string;
  /**
   * The source statement also yields it as a plain column of that name (identity: codes, names,
   * kinds, scores), so a filter on it narrows the rows by index before any figures are built.
   */
  column?: boolean;
}

/** Where a collection's features come from: a source statement and the years it has. */
export type CollectionSource =
  | { kind: 'area'; level: AdminLevel }
  | { kind: 'service'; serviceKind: 'school' | 'hospital' | 'health_promoting_hospital' }
  | { kind: 'potential' };

/** The layer of tiles/registry.ts that draws a collection, and the zooms where it shows it. */
export interface CollectionTiles {
  layer: string;
  minzoom: number;
  maxzoom: number;
}

export interface Collection {
  id: string;
  title: string;
  description: string;
  source: CollectionSource;
  geometry: 'MultiPolygon' | 'Point';
  properties: readonly Property[];
  tiles: CollectionTiles;
}

const text = (name: string, description: string, column = true): Property => ({ name, type: 'string', description, column });
const int = (name: string, description: string, column = true): Property => ({ name, type: 'integer', description, column });

/** Identity of an area feature; its metrics follow (areaMetricProperties). */
const AREA_IDENTITY: readonly Property[] = [
  text('code', 'Official geocode (province 2 digits, district 4, subdistrict 6, village 8); also the feature id'),
  text('level', 'province | district | subdistrict | village'),
  text('parent_code', 'Geocode of the parent area (null for provinces)'),
  text('name_th', 'Thai name'),
  text('name_en', 'English name (may be null)'),
  int('year', 'Survey year of the metrics', false),
  { name: 'suppressed', type: 'boolean', description: 'True when the area has 1 to 4 households: it then publishes its name and code only, every metric is null' },
  text('withheld', 'Metric keys the disclosure policy withholds for this area (null here), comma-separated; null when nothing is withheld', false),
];

/** The public metrics of an area, typed from the descriptions the tiles publish ("Number: …", "String: …"). */
function areaMetricProperties(): Property[] {
  return Object.entries(areaMetricFields(AREA_VOCABULARY)).map(([name, description]) => ({
    name,
    type: description.startsWith('String:') ? 'string' : 'number',
    description: description.replace(/^(Number|String): /, ''),
  }));
}

const AREA_PROPERTIES: readonly Property[] = [...AREA_IDENTITY, ...areaMetricProperties()];

const SERVICE_PROPERTIES: readonly Property[] = [
  int('id', 'Service id; also the feature id'),
  text('kind', 'school | hospital | health_promoting_hospital'),
  text('name_th', 'Thai name'),
  text('name_en', 'English name (may be null)'),
  int('capacity', 'Pupils (schools) or patients per day (clinics)'),
  text('subdistrict_code', 'Geocode of the subdistrict it stands in'),
];

export const POTENTIAL_DIMENSIONS = ['infrastructure', 'economy', 'health', 'education', 'community_strength', 'environment', 'safety'] as const;

const POTENTIAL_PROPERTIES: readonly Property[] = [
  text('code', 'Village geocode (8 digits); also the feature id'),
  text('name_th', 'Thai name'),
  text('name_en', 'English name (may be null)'),
  int('year', 'Year of the village survey'),
  ...POTENTIAL_DIMENSIONS.map((d) => int(d, `Village potential score for ${d.replace('_', ' ')}: 1 = needs urgent development, 2 = developing, 3 = advanced`)),
];

const PLURAL: Record<AdminLevel, string> = { province: 'provinces', district: 'districts', subdistrict: 'subdistricts', village: 'villages' };

function areaCollection(level: AdminLevel): Collection {
  const zooms = LEVEL_ZOOMS.find((l) => l.level === level)!;
  return {
    id: PLURAL[level],
    title: `${PLURAL[level][0].toUpperCase()}${PLURAL[level].slice(1)} with their poverty figures`,
    description: `Every ${level} of Thailand with the public figures of one survey year (BMN MPI, target households, `
      + 'vulnerability, hotspots, service access, night lights), under the same disclosure policy as the map: '
      + 'withheld figures are null and listed in `withheld`; areas of 1 to 4 households carry no figures.',
    source: { kind: 'area', level },
    geometry: 'MultiPolygon',
    properties: AREA_PROPERTIES,
    tiles: { layer: 'areas', minzoom: zooms.minzoom, maxzoom: zooms.maxzoom },
  };
}

function serviceCollection(id: string, title: string, serviceKind: 'school' | 'hospital' | 'health_promoting_hospital'): Collection {
  // The services layer shows hospitals from z8 and schools from z10 (tiles/registry.ts, sql/tiles/services.sql).
  return {
    id, title, description: `${title} as points, with their capacity and subdistrict.`,
    source: { kind: 'service', serviceKind }, geometry: 'Point', properties: SERVICE_PROPERTIES,
    tiles: { layer: 'services', minzoom: serviceKind === 'school' ? 10 : 8, maxzoom: 14 },
  };
}

export const COLLECTIONS: readonly Collection[] = [
  ...(['province', 'district', 'subdistrict', 'village'] as const).map(areaCollection),
  serviceCollection('schools', 'Schools', 'school'),
  serviceCollection('hospitals', 'Hospitals', 'hospital'),
  serviceCollection('health-promoting-hospitals', 'Subdistrict health-promoting hospitals', 'health_promoting_hospital'),
  {
    id: 'village-potential',
    title: 'Village potential',
    description: 'Each village (at its label point) with its seven village-potential scores of one year (village survey).',
    source: { kind: 'potential' },
    geometry: 'Point',
    properties: POTENTIAL_PROPERTIES,
    tiles: { layer: 'villages', minzoom: 11, maxzoom: 14 },
  },
];

export const COLLECTION_IDS = COLLECTIONS.map((c) => c.id);

export function findCollection(id: string): Collection | undefined {
  return COLLECTIONS.find((c) => c.id === id);
}

/** The area collection of an admin level (downloads name levels). */
export function levelCollection(level: AdminLevel): Collection {
  return findCollection(PLURAL[level])!;
}

/** A feature id as the collection writes it: area and village codes, or service ids. */
export const FEATURE_ID_PATTERN = '^[0-9]{1,10}$';
