/** The shape of GET /api/areas/{code}/nightlight: an area's night lights of a composite year, its trend and model class. */
import { nullableNumber } from './common.js';

const yearFigures = {
  type: 'object',
  properties: {
    year: { type: 'integer' },
    pixels: { type: 'integer', description: '15″ pixels with data whose centre lies in the area' },
    lit_pixels: { type: 'integer', description: 'pixels with radiance > 0.5 nW/cm²/sr' },
    radiance_sum: { type: 'number', description: 'sum of pixel radiances, nW/cm²/sr' },
    radiance_mean: nullableNumber,
    lit_share: nullableNumber,
  },
  required: ['year', 'pixels', 'lit_pixels', 'radiance_sum', 'radiance_mean', 'lit_share'],
} as const;

export const areaNightlightSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' }, level: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
    ...yearFigures.properties,
    change: {
      type: ['object', 'null'],
      description: 'Change since the previous loaded year (null for the first year)',
      properties: { from: { type: 'integer' }, radiance_mean: nullableNumber, radiance_mean_relative: nullableNumber, lit_share: nullableNumber },
      required: ['from', 'radiance_mean', 'radiance_mean_relative', 'lit_share'],
    },
    trend: { type: 'array', items: yearFigures },
    mismatch: {
      type: ['object', 'null'],
      description: 'The area in the light-vs-poverty model of its level for this year (GET /api/light-mismatch); null when not fitted',
      properties: { fitted: { type: 'number' }, residual: { type: 'number' }, z: nullableNumber, class: { type: 'string' } },
      required: ['fitted', 'residual', 'z', 'class'],
    },
  },
  required: ['code', 'level', 'name_th', 'name_en', ...yearFigures.required, 'change', 'trend', 'mismatch'],
} as const;
