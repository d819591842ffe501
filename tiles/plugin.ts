/**
 * HTTP for the tile layers: the catalog, TileJSON and tiles. Routes only route: the registry, the
 * SQL and the cache live in TileService, and the raw fast path answers warm tiles before Fastify.
 *   GET /tiles                            catalog
 *   GET /tiles/{layer}.json               TileJSON 3.0
 *   GET /tiles/{layer}/{z}/{x}/{y}.mvt    a tile (.pbf too); 204 when empty
 *   GET /tiles/style.json                 a MapLibre style over the layers (tiles/style.json)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { connectionUrl } from '../server/db/knex.js';
import { HttpProblem } from '../server/plugins/problem.js';
import { negotiateEncoding } from './encoding.js';
import { installFastPath } from './fast-path.js';
import { tileQuerySchema } from './query.js';
import { tileResponse } from './response.js';
import { TileService, type RawTileQuery } from './service.js';
import { styleFor } from './style.js';
import { catalogEntry, tileJson, type CatalogEntry } from './tilejson.js';
import { isDatabaseUnavailable } from './unavailable.js';

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileService;
  }
}

export interface TilesPluginOptions {
  /** Byte budget of the tile cache (default 256 MiB). */
  cacheBytes?: number;
  /** Answer cache hits before Fastify (default true). */
  fastPath?: boolean;
  /** Layers served by other routes (the night-light PNG tiles) that the catalog lists too. */
  extraLayers?: readonly CatalogEntry[];
}

const layerParam = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Layer id, see GET /tiles' } as const;

const tileParamsSchema = {
  type: 'object',
  properties: {
    layer: layerParam,
    // Digits only: a number schema would let through "0x1", "1e1" and " 1" by coercion.
    z: { type: 'string', pattern: '^[0-9]{1,10}$' },
    x: { type: 'string', pattern: '^[0-9]{1,10}$' },
    y: { type: 'string', pattern: '^[0-9]{1,10}$' },
  },
  required: ['layer', 'z', 'x', 'y'],
} as const;

const catalogSchema = {
  type: 'object',
  required: ['layers'],
  properties: {
    layers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'description', 'tilejson', 'minzoom', 'maxzoom'],
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' },
          tilejson: { type: 'string' }, minzoom: { type: 'integer' }, maxzoom: { type: 'integer' },
        },
      },
    },
  },
} as const;

interface TileParams { layer: string; z: string; x: string; y: string }

/** Database outages become 503 problems; anything else goes on to the app's error handler. */
function unavailableAs503(err: unknown): never {
  if (!(err instanceof HttpProblem) && isDatabaseUnavailable(err)) {
    throw new HttpProblem(503, 'the tile database is unavailable; try again shortly');
  }
  throw err;
}

export const tilesPlugin = fp(async (app: FastifyInstance, options: TilesPluginOptions) => {
  const service = new TileService(app.db, connectionUrl(app.db), {
    cacheBytes: options.cacheBytes ?? 256 * 2 ** 20,
    warn: (message) => app.log.warn(message),
  });
  await service.start();
  app.decorate('tiles', service);
  app.addHook('onClose', async () => service.close());
  if (options.fastPath ?? true) installFastPath(app.server, service);

  app.get('/tiles', {
    schema: { response: { 200: catalogSchema } },
  }, async () => ({ layers: [...service.layers().map(catalogEntry), ...(options.extraLayers ?? [])] }));

  // A static route wins over /tiles/:layer.json in Fastify's router.
  app.get('/tiles/style.json', async (request, reply) => {
    reply.header('cache-control', 'no-cache');
    return styleFor(`${request.protocol}://${request.host}`);
  });

  app.get<{ Params: { layer: string }; Querystring: RawTileQuery }>('/tiles/:layer.json', {
    schema: {
      params: { type: 'object', properties: { layer: layerParam }, required: ['layer'] },
      querystring: tileQuerySchema,
    },
  }, async (request, reply) => {
    const layer = service.layer(request.params.layer);
    const query = await service.resolveQuery(layer, request.query).catch(unavailableAs503);
    const origin = `${request.protocol}://${request.host}`;
    reply.header('cache-control', 'no-cache');
    return tileJson(layer, origin, query, await service.bounds().catch(unavailableAs503));
  });

  const tile = async (request: FastifyRequest<{ Params: TileParams; Querystring: RawTileQuery }>, reply: FastifyReply) => {
    const layer = service.layer(request.params.layer);
    const address = { z: Number(request.params.z), x: Number(request.params.x), y: Number(request.params.y) };
    service.checkAddress(layer, address);
    const query = await service.resolveQuery(layer, request.query).catch(unavailableAs503);
    const { key, tile: cached } = await service.tile(layer, address, query).catch(unavailableAs503);
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    const ifNoneMatch = request.headers['if-none-match'];
    const response = tileResponse(cached, encoding, undefined, ifNoneMatch)
      ?? tileResponse(cached, encoding, await service.body(key, cached, encoding), ifNoneMatch)!;
    reply.code(response.status).headers(response.headers);
    return reply.send(response.status === 200 ? response.body : undefined);
  };
  for (const format of ['mvt', 'pbf']) {
    app.get<{ Params: TileParams; Querystring: RawTileQuery }>(`/tiles/:layer/:z/:x/:y.${format}`, {
      schema: {
        params: tileParamsSchema,
        querystring: tileQuerySchema,
      },
    }, tile);
  }
}, { name: 'povmap-tiles' });
