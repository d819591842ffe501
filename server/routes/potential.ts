/**
 * GET /api/areas/{code}/potential?year= — village potential rolled up over an area's villages: mean
 * score and share of villages at level 1 ("needs urgent development") per dimension.
 */
import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';
import { areaOr404, yearOr404 } from '../areas/lookup.js';
import { areaCodeSchema, nullableNumber, problemResponses } from '../schemas/common.js';

export const POTENTIAL_DIMENSIONS = ['infrastructure', 'economy', 'health', 'education', 'community_strength', 'environment', 'safety'] as const;

const schema = {
  summary: 'Village potential of an area (TH = the country): mean score and share at level 1 per dimension',
  description: 'Scores run from 1 (needs urgent development) to 3 (advanced), per village and year (village survey).',
  tags: ['context'],
  params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
  querystring: {
    type: 'object', additionalProperties: false,
    properties: { year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Village survey year (default: the latest).' } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        code: { type: 'string' }, level: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
        year: { type: 'integer' }, villages: { type: 'integer' },
        dimensions: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string', enum: POTENTIAL_DIMENSIONS }, mean_score: nullableNumber, level1_share: nullableNumber },
            required: ['id', 'mean_score', 'level1_share'],
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

export async function potentialRoutes(app: FastifyInstance) {
  app.get<{ Params: { code: string }; Querystring: { year?: number } }>('/api/areas/:code/potential', { schema }, async (request) => {
    const years = (await app.db('village_potential').distinct('year').orderBy('year').pluck('year')).map(Number);
    const year = yearOr404(years, request.query.year, { name: 'village potential data', none: 'No village potential data is loaded.' });
    const area = await areaOr404(app.db, request.params.code);
    const { rows } = await app.db.raw(sqlText('api/area_potential.sql'), { code: area.code, year });
    const r = rows[0] as Record<string, number | null>;
    return {
      code: area.code, level: area.level, name_th: area.name_th, name_en: area.name_en, year, villages: r.villages ?? 0,
      dimensions: POTENTIAL_DIMENSIONS.map((id) => ({ id, mean_score: r[`${id}_mean`], level1_share: r[`${id}_level1`] })),
    };
  });
}
