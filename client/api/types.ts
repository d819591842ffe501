/** The shapes the API and tile server answer with (their contracts, in TypeScript). */
import type { DimensionId } from '../../server/mpi/indicators.js';

export type AreaLevel = 'country' | 'province' | 'district' | 'subdistrict' | 'village';

export interface Meta {
  years: number[];
  default_year: number;
  indicators: Array<{ id: string; number: number; dimension: DimensionId; weight: number; name_en: string; name_th: string }>;
  dimensions: Array<{ id: DimensionId; number: number; name_en: string; name_th: string }>;
}

export interface AreaRef {
  code: string;
  level: AreaLevel;
  name_th: string;
  name_en: string | null;
}

export interface AreaSummary extends AreaRef {
  parent_code: string | null;
  breadcrumb: AreaRef[];
  year: number;
  mode: 'tpmap' | 'af';
  k: number;
  suppressed: boolean;
  households: number;
  people: number;
  target_households: number;
  target_people: number;
  h: number;
  a: number;
  m0: number;
  poor_people: number;
  failed_dims: number[];
  indicators: Array<{ id: string; dimension: DimensionId; deprived_households: number; censored_headcount: number; contribution: number }>;
  dimensions: Array<{ id: DimensionId; failed_households: number; censored_headcount: number; contribution: number }>;
  vulnerability: number[];
  vulnerable_households: number;
  welfare: { target_with_card: number; target_without_card: number; to_survey: number };
  stars: number | null;
  bbox: [number, number, number, number] | null;
}

export interface Children {
  parent: AreaRef;
  children: Array<AreaRef & Partial<AreaSummary>>;
}

export interface Rankings {
  items: Array<{ rank: number; code: string; name_th: string; name_en: string | null; value: number; households: number }>;
}

export interface User {
  username: string;
  role: string;
  pii: boolean;
}

export interface Login {
  token: string;
  expires_at: string;
  user: User;
}

export interface Household {
  house_code: string;
  head_name: string;
  national_id: string;
  village_code: string;
  address_th: string;
  address_en: string | null;
  lon: number | null;
  lat: number | null;
  members: number;
  welfare_card_holders: number;
  failed_dim_count: number;
  dims: Record<DimensionId, boolean>;
  vulnerability_level: number | null;
  logbook?: 'none' | 'planned' | 'in_progress' | 'done';
}

export interface HouseholdPage {
  items: Household[];
  next_cursor: string | null;
  total: number;
}

export interface TileCatalog {
  layers: Array<{ id: string; name: string; description: string; tilejson: string; minzoom: number; maxzoom: number }>;
}

export interface TileJson {
  tilejson: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds?: [number, number, number, number];
  vector_layers?: Array<{ id: string; fields: Record<string, string>; minzoom?: number; maxzoom?: number }>;
}

/** GET /api/areas/{code}/nightlight (server/routes/nightlight.ts). */
export interface AreaNightlight {
  code: string;
  year: number;
  pixels: number;
  radiance_mean: number | null;
  lit_share: number | null;
  change: { from: number; radiance_mean: number | null; radiance_mean_relative: number | null } | null;
  mismatch: { fitted: number; residual: number; z: number | null; class: string } | null;
}

/** GET /api/areas/{code}/access (server/routes/access.ts): the fields the area panel shows. */
export interface AreaAccess {
  code: string;
  year: number;
  suppressed: boolean;
  services: Array<{
    service: 'school' | 'clinic';
    mean_km: number | null;
    target_mean_km: number | null;
    far: Array<{ km: number; target_households: number | null; share: number | null }>;
  }>;
  clinic_2sfca: { catchment_km: number; per_1000_people: number | null };
}

/** GET /api/hotspots/area/{code}: the default hotspot view (target share, queen, FDR) of one area. */
export interface AreaHotspot {
  code: string;
  level: string;
  year: number;
  previous_year: number | null;
  suppressed: boolean;
  value: number | null;
  gi_z: number | null;
  gi_class: string | null;
  moran_class: string | null;
  change_target_share: number | null;
  crossed: 'up' | 'down' | null;
}
