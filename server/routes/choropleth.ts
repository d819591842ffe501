/**
 * What the map's legend and the list beside it need, from the same published figures the `areas`
 * tiles carry: class breaks over every area of a level (not the tiles a browser loaded), and the
 * areas of a level inside a parent ranked by the map's own measure.
 */
import type { FastifyInstance } from 'fastify';
import { parentAreaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { BreaksService, type ClassMethod } from '../choropleth/breaks.js';
import { DIVERGING_MEASURES, MAP_MEASURES } from '../choropleth/measures.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, nullableNumber, problemResponses, yearSchema } from '../schemas/common.js';
import { sqlText } from '../../sql/load.js';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';

interface BreaksRequest {
  Querystring: { level: AdminLevel; year?: number; measure: string; method: ClassMethod; classes: number };
}

interface RankingRequest {
  Querystring: { level: AdminLevel; parent: string; year?: number; measure: string; order: 'desc' | 'asc'; limit: number };
}

const measureSchema = {
  type: 'string', enum: [...MAP_MEASURES], default: 'target_share',
  description: 'A numeric property of the `areas` tiles (GET /tiles/areas.json lists them with their meaning).',
} as const;

const breaksResponse = {
  type: 'object',
  properties: {
    level: { type: 'string' }, year: { type: 'integer' }, measure: { type: 'string' },
    method: { type: 'string', enum: ['quantile', 'jenks', 'symmetric'] }, classes: { type: 'integer' },
    data_version: { type: 'string', description: 'The data versions the answer was computed from.' },
    areas: { type: 'integer', description: 'Areas of the level with a published value: the classes are made of these.' },
    suppressed: { type: 'integer', description: 'Areas publishing no figure (fewer than 5 households).' },
    withheld: { type: 'integer', description: 'Areas whose value of this measure is withheld by the disclosure policy.' },
    no_value: { type: 'integer', description: 'Areas without this figure (no previous year, no composite).' },
    min: nullableNumber, max: nullableNumber,
    breaks: { type: 'array', items: { type: 'number' }, description: 'Lower bounds of every class but the first, ascending (a MapLibre `step`).' },
    ranges: {
      type: 'array',
      description: 'Per class: the smallest and largest value of its areas and their number.',
      items: { type: 'object', properties: { from: nullableNumber, to: nullableNumber, areas: { type: 'integer' } }, required: ['from', 'to', 'areas'] },
    },
  },
  required: ['level', 'year', 'measure', 'method', 'classes', 'data_version', 'areas', 'suppressed', 'withheld', 'no_value', 'min', 'max', 'breaks', 'ranges'],
} as const;

export async function choroplethRoutes(app: FastifyInstance) {
  const breaks = new BreaksService(app.db);

  app.get<BreaksRequest>('/api/choropleth/breaks', {
    schema: {
      tags: ['map'],
      summary: 'Class breaks of a map measure over every area of a level and survey year',
      description: 'Computed from the published figures of all areas of the level (the ones the `areas` tiles carry), cached per data version. '
        + 'quantile: equal numbers of areas per class; jenks: Fisher-Jenks natural breaks; symmetric: classes of equal width around zero '
        + '(always used for a change, which needs an odd number of classes). Identical values never straddle a break, so there may be fewer classes than asked.',
      querystring: {
        type: 'object',
        properties: {
          level: { type: 'string', enum: [...ADMIN_LEVELS], default: 'province' },
          year: yearSchema,
          measure: measureSchema,
          method: { type: 'string', enum: ['quantile', 'jenks', 'symmetric'], default: 'quantile' },
          classes: { type: 'integer', minimum: 2, maximum: 9, default: 5 },
        },
        additionalProperties: false,
      },
      response: { 200: breaksResponse, ...problemResponses },
    },
  }, async (request) => {
    const q = request.query;
    const method: ClassMethod = DIVERGING_MEASURES.includes(q.measure) ? 'symmetric' : q.method;
    if (method === 'symmetric' && q.classes % 2 === 0) {
      throw new HttpProblem(400, `query parameter "classes" must be odd for classes symmetric around zero (got ${q.classes})`, { parameter: 'classes', in: 'querystring' });
    }
    const year = await surveyYearOr404(app.db, q.year);
    return breaks.get({ level: q.level, year, measure: q.measure, method, classes: q.classes });
  });

  app.get<RankingRequest>('/api/choropleth/ranking', {
    schema: {
      tags: ['map'],
      summary: 'Areas of a level inside a parent ranked by a map measure, with the figure the map shows',
      description: 'The published value of the `areas` tiles, so the list shows the figure the map colours by under the same name. '
        + 'Areas without a published value (suppressed, withheld, none) are left out. Ties share a rank. Villages are ranked inside a province, district or subdistrict.',
      querystring: {
        type: 'object',
        properties: {
          level: { type: 'string', enum: [...ADMIN_LEVELS], default: 'province' },
          parent: { ...areaCodeSchema, default: 'TH' },
          year: yearSchema,
          measure: measureSchema,
          order: { type: 'string', enum: ['desc', 'asc'], default: 'desc' },
          limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        },
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: {
            level: { type: 'string' }, parent: { type: 'string' }, year: { type: 'integer' }, measure: { type: 'string' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: { rank: { type: 'integer' }, code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] }, value: { type: 'number' } },
                required: ['rank', 'code', 'name_th', 'name_en', 'value'],
              },
            },
          },
          required: ['level', 'parent', 'year', 'measure', 'items'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const q = request.query;
    const [parent, year] = await Promise.all([parentAreaOr404(app.db, q.parent, q.level), surveyYearOr404(app.db, q.year)]);
    // each area's figure is looked up on its own (about 0.2 ms): the country's 77,000 villages would take 15 s
    if (q.level === 'village' && parent.level === 'country') {
      throw new HttpProblem(400, 'query parameter "parent" must name a province, district or subdistrict to rank villages', { parameter: 'parent', in: 'querystring' });
    }
    const { rows } = await app.db.raw(sqlText('api/choropleth_ranking.sql'), {
      year, level: q.level, parent: parent.code, measure: q.measure, sign: q.order === 'desc' ? -1 : 1, limit: q.limit,
    });
    return { level: q.level, parent: parent.code, year, measure: q.measure, items: rows };
  });
}
