/** JSON schemas of the solution menu, hand-off and linkage routes (issue 21). */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { areaCodeSchema } from './common.js';

export const STAGE_WORDS = ['survive', 'sufficiency', 'sustainable'] as const;

/** A menu item as written by admins (POST, PUT). */
export const menuItemBody = {
  type: 'object',
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,40}$', description: "The item's key (also in CSV imports and hand-off files)." },
    agency: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    title_th: { type: 'string', minLength: 1, maxLength: 300, pattern: '\\S' },
    title_en: { type: 'string', minLength: 1, maxLength: 300, pattern: '\\S' },
    dimension: { type: 'string', enum: DIMENSIONS.map((d) => d.id), description: 'The dimension the measure addresses.' },
    indicators: {
      type: 'array', items: { type: 'string', enum: INDICATORS.map((i) => i.id) }, uniqueItems: true, default: [],
      description: 'Indicators of that dimension it addresses; empty: any indicator of the dimension.',
    },
    target_groups: {
      type: 'array', items: { type: 'integer', minimum: 1, maximum: 4 }, minItems: 1, uniqueItems: true, default: [1],
      description: 'Target groups of the plan: 1 urgent targets (fail an indicator), 2 vulnerable households, 3 to survey, 4 exclusion errors.',
    },
    stage: { type: 'string', enum: [...STAGE_WORDS], description: 'survive (survival), sufficiency or sustainable (sustainability): the logbook\'s words.' },
    age_min: { type: ['integer', 'null'], minimum: 0, maximum: 150, default: null },
    age_max: { type: ['integer', 'null'], minimum: 0, maximum: 150, default: null },
    welfare_card_required: { type: 'boolean', default: false },
    area_codes: { type: 'array', items: { ...areaCodeSchema, pattern: '^[0-9]{2}([0-9]{2}){0,3}$' }, uniqueItems: true, default: [], description: 'Areas of any level it covers; empty: the whole country.' },
    capacity_per_year: { type: 'integer', minimum: 0, maximum: 2000000000, description: 'Households (persons) it can serve in a year.' },
  },
  required: ['code', 'agency', 'title_th', 'title_en', 'dimension', 'stage', 'capacity_per_year'],
  additionalProperties: false,
} as const;

export const menuItemSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, ...menuItemBody.properties,
    age_min: { type: ['integer', 'null'] }, age_max: { type: ['integer', 'null'] },
    updated_at: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'code', 'agency', 'title_th', 'title_en', 'dimension', 'indicators', 'target_groups', 'stage', 'age_min', 'age_max',
    'welfare_card_required', 'area_codes', 'capacity_per_year', 'updated_at'],
} as const;
