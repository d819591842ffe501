/** What the client needs to label everything: survey years, indicators and dimensions. */
import type { FastifyInstance } from 'fastify';
import { surveyYears } from '../areas/repository.js';
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';

const named = { number: { type: 'integer' }, name_en: { type: 'string' }, name_th: { type: 'string' } } as const;

export async function metaRoutes(app: FastifyInstance) {
  app.get('/api/meta', {
    schema: {
      tags: ['meta'],
      summary: 'Survey years, the 17 indicators (weights as fractions of 1) and the 5 dimensions',
      response: {
        200: {
          type: 'object',
          properties: {
            years: { type: 'array', items: { type: 'integer' } },
            default_year: { type: ['integer', 'null'] },
            indicators: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, dimension: { type: 'string' }, weight: { type: 'number' }, ...named }, required: ['id', 'number', 'dimension', 'weight', 'name_en', 'name_th'] },
            },
            dimensions: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, ...named }, required: ['id', 'number', 'name_en', 'name_th'] },
            },
          },
          required: ['years', 'default_year', 'indicators', 'dimensions'],
        },
      },
    },
  }, async () => {
    const years = await surveyYears(app.db);
    return {
      years,
      default_year: years.length ? years[years.length - 1] : null,
      indicators: INDICATORS.map((i) => ({ id: i.id, number: i.number, dimension: i.dimension, weight: i.weight60 / 60, name_en: i.name_en, name_th: i.name_th })),
      dimensions: DIMENSIONS.map((d) => ({ id: d.id, number: d.number, name_en: d.name_en, name_th: d.name_th })),
    };
  });
}
