/** The shape of GET /api/hotspots/area/{code}: what the area panel shows of the map's hotspot views. */
import { nullableInteger, nullableNumber } from './common.js';

const nullableString = { type: ['string', 'null'] } as const;

export const areaHotspotSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    level: { type: 'string' },
    year: { type: 'integer' },
    previous_year: { ...nullableInteger, description: 'The survey year the change is measured from; null in the first year.' },
    suppressed: { type: 'boolean', description: 'Fewer than 5 households: every figure is null.' },
    value: { ...nullableNumber, description: 'The target share the views are computed from.' },
    gi_z: { ...nullableNumber, description: 'Getis-Ord Gi* z-score.' },
    gi_class: { ...nullableString, description: 'hot-99 … cold-99 or not-significant (FDR 5 %).' },
    moran_class: { ...nullableString, description: 'Local Moran cluster: high-high, low-low, high-low, low-high, not-significant, island.' },
    change_target_share: { ...nullableNumber, description: 'Change of the target share since previous_year.' },
    crossed: { type: ['string', 'null'], enum: ['up', 'down', null], description: "Whether the area crossed the previous year's national target share." },
  },
  required: ['code', 'level', 'year', 'previous_year', 'suppressed', 'value', 'gi_z', 'gi_class', 'moran_class', 'change_target_share', 'crossed'],
} as const;
