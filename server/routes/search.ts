/** GET /api/search: find a province, district, subdistrict or village by its Thai or English name. */
import type { FastifyInstance } from 'fastify';
import { searchPlaces } from '../search/places.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaOr404 } from '../areas/lookup.js';
import { areaCodeSchema, problemResponses } from '../schemas/common.js';

interface SearchRequest {
  Querystring: { q: string; limit: number; within?: string };
}

const nullableString = { type: ['string', 'null'] } as const;

export async function searchRoutes(app: FastifyInstance) {
  app.get<SearchRequest>('/api/search', {
    schema: {
      tags: ['areas'],
      summary: 'Areas by Thai or English name: prefix, contained, or close despite a typo',
      description: 'Matches the whole name first, then names starting with q, then names containing it; when no name contains q, '
        + 'the names most similar to it (a typo: pg_trgm word similarity ≥ 0.5, closest first). Within each, provinces '
        + 'before districts, subdistricts and villages, then the shorter name. '
        + 'English names are matched without regard to case. Names and codes only: no figure.',
      querystring: {
        type: 'object',
        properties: {
          q: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'What the user typed, Thai or English (no control characters).' },
          limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
          within: { ...areaCodeSchema, description: 'Only areas inside this one (a province: its districts, subdistricts and villages); TH is the whole country. An unknown area is a 404.' },
        },
        required: ['q'],
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: {
            q: { type: 'string' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  code: { type: 'string' }, level: { type: 'string', enum: ['province', 'district', 'subdistrict', 'village'] },
                  name_th: { type: 'string' }, name_en: nullableString,
                  province_th: nullableString, province_en: nullableString, district_th: nullableString, district_en: nullableString,
                },
                required: ['code', 'level', 'name_th', 'name_en', 'province_th', 'province_en', 'district_th', 'district_en'],
              },
            },
          },
          required: ['q', 'items'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const { q, limit, within } = request.query;
    if (!q.trim()) throw new HttpProblem(400, 'query parameter "q" is blank: type part of a place name', { parameter: 'q', in: 'querystring' });
    const inside = within && within !== 'TH' ? (await areaOr404(app.db, within, 'within')).code : null;
    return { q, items: await searchPlaces(app.db, q, limit, inside) };
  });
}
