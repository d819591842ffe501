/**
 * GET /tiles/nightlight/{year}/{z}/{x}/{y}.png — the night-light composite of a year as 256-px PNG
 * tiles in Web Mercator, coloured by the ramp of server/nightlight/ramp.ts. Cached in memory, weak
 * ETag, If-None-Match → 304, revalidated like the vector tiles. Unknown year 404, bad address 400.
 */
import type { FastifyInstance } from 'fastify';
import { NightlightTiles } from '../nightlight/png-tiles.js';
import { etagMatches } from '../../tiles/response.js';

export async function nightlightTileRoutes(app: FastifyInstance) {
  const tiles = new NightlightTiles(app.db);
  app.get<{ Params: { year: string; z: string; x: string; y: string } }>('/tiles/nightlight/:year/:z/:x/:y.png', {
    schema: {
      summary: 'Night-light composite as PNG tiles (colour ramp in server/nightlight/ramp.ts)',
      tags: ['context'],
      params: {
        type: 'object', required: ['year', 'z', 'x', 'y'],
        properties: { year: { type: 'string' }, z: { type: 'string' }, x: { type: 'string' }, y: { type: 'string' } },
      },
    },
  }, async (request, reply) => {
    const tile = await tiles.tile(request.params);
    reply.header('ETag', tile.etag).header('Cache-Control', 'public, no-cache');
    if (etagMatches(request.headers['if-none-match'], tile.etag)) return reply.code(304).send();
    return reply.type('image/png').send(tile.body);
  });
}
