/**
 * GET /tiles/nightlight/{year}/{z}/{x}/{y}.png — the night-light composite of a year as 256-px PNG
 * tiles in Web Mercator, coloured by the ramp of server/nightlight/ramp.ts. Cached in memory, weak
 * ETag, If-None-Match → 304, revalidated like the vector tiles. Unknown year 404, bad address 400.
 * GET /tiles/nightlight.json?year= — a raster TileJSON of one year (default the latest), listing the
 * loaded years and the ramp, so QGIS, MapLibre and our client find the tiles from the catalog.
 */
import type { FastifyInstance } from 'fastify';
import type { CatalogEntry } from '../../tiles/tilejson.js';
import { nightlightYears } from '../nightlight/stats.js';
import { NIGHTLIGHT_RAMP } from '../nightlight/ramp.js';
import { NightlightTiles, PNG_MAXZOOM, PNG_MINZOOM } from '../nightlight/png-tiles.js';
import { HttpProblem } from '../plugins/problem.js';
import { etagMatches } from '../../tiles/response.js';

export const NIGHTLIGHT_CATALOG_ENTRY: CatalogEntry = {
  id: 'nightlight',
  name: 'Night lights',
  description: 'VIIRS-like annual night-light composite (radiance, nW/cm²/sr) as coloured 256-px PNG tiles, one tile set per year.',
  tilejson: '/tiles/nightlight.json',
  minzoom: PNG_MINZOOM,
  maxzoom: PNG_MAXZOOM,
};

export async function nightlightTileRoutes(app: FastifyInstance) {
  const tiles = new NightlightTiles(app.db);

  app.get<{ Querystring: { year?: number } }>('/tiles/nightlight.json', {
    schema: {
      summary: 'Raster TileJSON of the night-light tiles of one year',
      tags: ['context'],
      querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } } },
    },
  }, async (request, reply) => {
    const years = await nightlightYears(app.db);
    if (!years.length) throw new HttpProblem(404, 'No night-light composite is loaded (npm run import:nightlight).');
    const year = request.query.year ?? years[years.length - 1];
    if (!years.includes(year)) {
      throw new HttpProblem(404, `query parameter "year" has no night-light composite: ${year} (have ${years.join(', ')})`, { parameter: 'year', in: 'querystring' });
    }
    const { rows } = await app.db.raw(`select st_xmin(e) as w, st_ymin(e) as s, st_xmax(e) as e, st_ymax(e) as n
                                       from (select st_extent(st_envelope(rast)) as e from nightlight_raster where year = ?) x`, [year]);
    const b = rows[0];
    reply.header('cache-control', 'no-cache');
    return {
      tilejson: '3.0.0',
      name: NIGHTLIGHT_CATALOG_ENTRY.name,
      description: `${NIGHTLIGHT_CATALOG_ENTRY.description} Colour ramp: ${NIGHTLIGHT_RAMP.map((r) => `${r.value} → rgba(${r.rgba.join(',')})`).join('; ')}, linear between stops.`,
      scheme: 'xyz',
      format: 'png',
      tiles: [`${request.protocol}://${request.host}/tiles/nightlight/${year}/{z}/{x}/{y}.png`],
      minzoom: PNG_MINZOOM,
      maxzoom: PNG_MAXZOOM,
      bounds: [b.w, b.s, b.e, b.n],
      year,
      years,
      ramp: NIGHTLIGHT_RAMP,
    };
  });

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
