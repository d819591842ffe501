/**
 * HTTP for the tile layers, vector and raster: the catalog, TileJSON and tiles. Routes only route:
 * the registry, the sources, the SQL and the cache live in TileService, and the raw fast path
 * answers warm tiles before Fastify.
 *   GET /tiles                                 catalog
 *   GET /tiles/{layer}.json                    TileJSON 3.0
 *   GET /tiles/{layer}/{z}/{x}/{y}.mvt         a vector tile (.pbf too); 204 when empty
 *   GET /tiles/{layer}/{z}/{x}/{y}.png         a raster tile (?year=)
 *   GET /tiles/{layer}/{year}/{z}/{x}/{y}.png  the same raster tile, year in the path
 *   GET /tiles/style.json                      a MapLibre style over the layers (tiles/style.json)
 * tiles/ imports nothing of the server: what it needs (pooled connections, the listener's connection
 * string, the MPI vocabulary, the stored night-light overviews) is passed in as plugin options, and
 * its refusals are TileProblems, which the server's error handler renders as problem+json.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AreaVocabulary } from './area-properties.js';
import type { TileDatabase } from './database.js';
import { VERSION_PATTERN, versionedCacheControl } from './cdn-headers.js';
import { installFastPath } from './fast-path.js';
import { sendLayerTile, unavailableAs503 } from './send.js';
import type { TileFormat } from './layer.js';
import { TileProblem } from './problem.js';
import { tileQuerySchema, YEAR_MAX, YEAR_MIN } from './query.js';
import { tileRegistry } from './registry.js';
import { TileService, type RawTileQuery } from './service.js';
import { styleFor } from './style.js';
import { catalogEntry, tileJson } from './tilejson.js';

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileService;
  }
}

export interface TilesPluginOptions {
  /** Pooled connections for tile and catalog statements. */
  database: TileDatabase;
  /** Connection string for the data-version listener's own connection. */
  listenUrl: string;
  /** The MPI indicators and dimensions (the `areas` layer's hc_/dim_ metrics). */
  vocabulary: AreaVocabulary;
  /** Overview factors the night-light importer stores in nightlight_overview. */
  nightlightOverviews: readonly number[];
  /** Byte budget of the tile cache (default 256 MiB). */
  cacheBytes?: number;
  /** Answer cache hits before Fastify (default true). */
  fastPath?: boolean;
  /** Re-render the areas and boundaries tiles z0-10 in the background after each data change (tiles/seed.ts; default off). */
  seedTiles?: boolean;
  /**
   * The public origin (e.g. https://povmap.example.org) for absolute URLs in style.json and TileJSON;
   * unset, they are relative to the server. Never taken from the request's Host header, which a
   * client chooses.
   */
  publicUrl?: string;
}

const layerParam = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Layer id, see GET /tiles' } as const;
// Digits only: a number schema would let through "0x1", "1e1" and " 1" by coercion.
const digits = { type: 'string', pattern: '^[0-9]{1,10}$' } as const;

const tileParamsSchema = {
  type: 'object',
  properties: { layer: layerParam, z: digits, x: digits, y: digits },
  required: ['layer', 'z', 'x', 'y'],
} as const;

const yearTileParamsSchema = {
  type: 'object',
  properties: { layer: layerParam, year: { type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX }, z: digits, x: digits, y: digits },
  required: ['layer', 'year', 'z', 'x', 'y'],
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
interface YearTileParams extends TileParams { year: number }

const versionRe = new RegExp(VERSION_PATTERN);
/** A well-formed `v`, else none (this route ignores a query it cannot use rather than refusing it). */
const versionOf = (v: unknown) => (typeof v === 'string' && versionRe.test(v) ? v : undefined);

export const tilesPlugin = fp(async (app: FastifyInstance, options: TilesPluginOptions) => {
  // '' makes every URL in style.json and TileJSON relative ("/tiles/…").
  const origin = (options.publicUrl ?? '').replace(/\/+$/, '');
  const registry = tileRegistry({ vocabulary: options.vocabulary, nightlightOverviews: options.nightlightOverviews });
  const service = new TileService(options.database, options.listenUrl, registry, {
    cacheBytes: options.cacheBytes ?? 256 * 2 ** 20,
    warn: (message) => app.log.warn(message),
    seed: options.seedTiles ?? false,
  });
  await service.start();
  app.decorate('tiles', service);
  app.addHook('onClose', async () => service.close());
  if (options.fastPath ?? true) installFastPath(app.server, service);

  app.get('/tiles', {
    schema: { response: { 200: catalogSchema } },
  }, async () => ({ layers: service.layers().map(catalogEntry) }));

  // A static route wins over /tiles/:layer.json in Fastify's router.
  app.get('/tiles/style.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return styleFor(origin);
  });

  app.get<{ Params: { layer: string }; Querystring: RawTileQuery }>('/tiles/:layer.json', {
    schema: {
      params: { type: 'object', properties: { layer: layerParam }, required: ['layer'] },
      querystring: tileQuerySchema,
    },
  }, async (request, reply) => {
    const layer = service.layer(request.params.layer);
    // read first: the document below is made from data at least this new
    const version = service.stamp(layer);
    const query = await service.resolveQuery(layer, request.query).catch(unavailableAs503);
    const years = layer.yearSet ? await service.years(layer.yearSet).catch(unavailableAs503) : [];
    reply.header('cache-control', request.query.v === undefined ? 'no-cache' : versionedCacheControl(request.query.v, version));
    return tileJson(layer, origin, query, await service.bounds(layer, query).catch(unavailableAs503), years, version);
  });

  /** One tile of any layer and format (tiles/send.ts). */
  const sendTile = (request: FastifyRequest, reply: FastifyReply, format: TileFormat, params: TileParams, raw: RawTileQuery) =>
    sendLayerTile(service, request, reply, format, params, raw);

  for (const [extension, format] of [['mvt', 'mvt'], ['pbf', 'mvt'], ['png', 'png']] as const) {
    app.get<{ Params: TileParams; Querystring: RawTileQuery }>(`/tiles/:layer/:z/:x/:y.${extension}`, {
      schema: { params: tileParamsSchema, querystring: tileQuerySchema },
    }, (request, reply) => sendTile(request, reply, format, request.params, request.query));
  }

  // Raster tiles with the year in the path, as TileJSON lists them; like the URL QGIS users type,
  // it takes no query but the data version `v` (anything else is ignored).
  app.get<{ Params: YearTileParams; Querystring: { v?: string } }>('/tiles/:layer/:year/:z/:x/:y.png', {
    schema: { params: yearTileParamsSchema },
  }, (request, reply) => sendTile(request, reply, 'png', request.params, { year: request.params.year, v: versionOf(request.query.v) }));
}, { name: 'povmap-tiles' });
