/** GET /api/labels: where the map writes area names (names and label points only, no figure). */
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses } from '../schemas/common.js';
import { sqlText } from '../../sql/load.js';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';

interface LabelsRequest {
  Querystring: { level: AdminLevel; bbox: string; limit: number };
}

const NUMBER = '-?[0-9]+(\\.[0-9]+)?';

/** west,south,east,north in degrees; a 400 naming `bbox` for anything else. */
export function parseBbox(text: string): { west: number; south: number; east: number; north: number } {
  const [west, south, east, north] = text.split(',').map(Number);
  if (!(west >= -180 && east <= 180 && south >= -90 && north <= 90 && west < east && south < north)) {
    throw new HttpProblem(400, 'query parameter "bbox" must be west,south,east,north in degrees with west < east and south < north', { parameter: 'bbox', in: 'querystring' });
  }
  return { west, south, east, north };
}

export async function labelRoutes(app: FastifyInstance) {
  app.get<LabelsRequest>('/api/labels', {
    schema: {
      tags: ['map'],
      summary: 'Names and label points of the areas of a level within a box, largest areas first',
      description: 'What the map writes its area names from: the label point is a point inside the area. Names and codes only, no figure.',
      querystring: {
        type: 'object',
        properties: {
          level: { type: 'string', enum: [...ADMIN_LEVELS], default: 'province' },
          bbox: { type: 'string', pattern: `^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`, description: 'west,south,east,north (WGS 84 degrees)' },
          limit: { type: 'integer', minimum: 1, maximum: 2000, default: 500 },
        },
        required: ['bbox'],
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: {
            level: { type: 'string' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: { code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] }, lon: { type: 'number' }, lat: { type: 'number' } },
                required: ['code', 'name_th', 'name_en', 'lon', 'lat'],
              },
            },
          },
          required: ['level', 'items'],
        },
        ...problemResponses,
      },
    },
  }, async (request, reply) => {
    const q = request.query;
    const { rows } = await app.db.raw(sqlText('api/area_labels.sql'), { level: q.level, ...parseBbox(q.bbox), limit: q.limit });
    // names and points change only with the boundaries: let the browser keep them a while
    reply.header('cache-control', 'public, max-age=300');
    return { level: q.level, items: rows };
  });
}
