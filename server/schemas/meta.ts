/**
 * The shape of GET /api/meta: every definition the map client labels and colours with, so that the
 * client holds none of its own (indicators with weights, dimensions, admin levels with their zoom
 * bands and code lengths, survey years).
 */
import { DIMENSION_IDS } from '../mpi/indicators.js';
import { ADMIN_LEVELS } from '../../tiles/levels.js';
import { nullableInteger } from './common.js';

const names = {
  name_en: { type: 'string' },
  name_th: { type: 'string' },
} as const;

const dimensionId = { type: 'string', enum: DIMENSION_IDS } as const;

export const metaSchema = {
  type: 'object',
  properties: {
    years: { type: 'array', items: { type: 'integer' }, description: 'Survey years with data, oldest first.' },
    default_year: { ...nullableInteger, description: 'The latest survey year; null before any data is loaded.' },
    indicators: {
      type: 'array',
      description: 'The 17 BMN indicators in their official order.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          number: { type: 'integer', description: '1-17, the BMN order (bit number − 1 of the deprivation mask).' },
          dimension: dimensionId,
          weight: { type: 'number', description: 'MPI weight as a fraction of 1 (all 17 add up to 1).' },
          ...names,
        },
        required: ['id', 'number', 'dimension', 'weight', 'name_en', 'name_th'],
      },
    },
    dimensions: {
      type: 'array',
      description: 'The 5 dimensions, weight 1/5 each, shared equally by their indicators.',
      items: {
        type: 'object',
        properties: {
          id: dimensionId,
          number: { type: 'integer' },
          weight: { type: 'number', description: 'Sum of the weights of its indicators.' },
          ...names,
        },
        required: ['id', 'number', 'weight', 'name_en', 'name_th'],
      },
    },
    levels: {
      type: 'array',
      description: 'The admin levels, coarsest first: which one the areas tiles carry at which zoom, and the digits of its geocode.',
      items: {
        type: 'object',
        properties: {
          level: { type: 'string', enum: ADMIN_LEVELS },
          minzoom: { type: 'integer' },
          maxzoom: { type: 'integer', description: 'The last zoom with tiles of this level; the map overzooms the deepest level beyond it.' },
          code_digits: { type: 'integer', description: 'Length of the official geocode (TIS 1099 / DOPA).' },
        },
        required: ['level', 'minzoom', 'maxzoom', 'code_digits'],
      },
    },
    person_groups: {
      type: 'array',
      description: 'The groups of people counted per area (server/people/groups.ts): the plan\'s target groups and the population groups. '
        + 'A group with `measure` is on the map as share_<id> (and people_<id>), in /api/rankings and /api/hotspots as group:<id>.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          of: { type: 'string', description: 'The group its share is of.' },
          measure: { type: 'boolean' },
          ...names,
        },
        required: ['id', 'of', 'measure', 'name_en', 'name_th'],
      },
    },
  },
  required: ['years', 'default_year', 'indicators', 'dimensions', 'levels', 'person_groups'],
} as const;
