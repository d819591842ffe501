/**
 * OGC API – Tiles (issue 19): tile matrix sets, each collection's tilesets and tiles on
 * WebMercatorQuad. A tile is answered by tiles/send.ts through the app's one TileService (`app.tiles`):
 * the same address check, cache, ETag and invalidation as /tiles/{layer}/{z}/{x}/{y}; OGC's
 * {tileMatrix}/{tileRow}/{tileCol} is /tiles' {z}/{y}/{x}.
 */
import type { FastifyInstance } from 'fastify';
import { sendLayerTile } from '../../tiles/send.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses } from '../schemas/common.js';
import { countryBbox } from '../ogc/extent.js';
import { htmlPage } from '../ogc/html.js';
import { ogcBase } from '../ogc/origin.js';
import { formatOf, type OgcFormat } from '../ogc/negotiation.js';
import { WEB_MERCATOR_QUAD, webMercatorQuad, WEB_MERCATOR_QUAD_URI } from '../ogc/tile-matrix-set.js';
import { findTiled, TILED_COLLECTIONS, tilesetDocument, tilesetList, type TiledCollection } from '../ogc/tilesets.js';

const tags = ['ogc'];
const f = { type: 'string', enum: ['json', 'html'] } as const;
const fOnly = { type: 'object', additionalProperties: false, properties: { f } } as const;
const collectionId = { type: 'string', pattern: '^[a-z-]{1,40}$', description: `Collection id: ${TILED_COLLECTIONS.map((t) => t.id).join(', ')}` } as const;
const tileMatrixSetId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'WebMercatorQuad' } as const;
const digits = { type: 'string', pattern: '^[0-9]{1,10}$' } as const;

function tiledOr404(id: string): TiledCollection {
  const t = findTiled(id);
  if (!t) throw new HttpProblem(404, `no collection "${id}" (have ${TILED_COLLECTIONS.map((x) => x.id).join(', ')})`, { parameter: 'collectionId', in: 'params' });
  return t;
}

function matrixSetOr404(id: string): void {
  if (id !== WEB_MERCATOR_QUAD) {
    throw new HttpProblem(404, `no tile matrix set "${id}" (have ${WEB_MERCATOR_QUAD})`, { parameter: 'tileMatrixSetId', in: 'params' });
  }
}

export async function ogcTileRoutes(app: FastifyInstance, options: { publicUrl?: string }) {
  const json = (format: OgcFormat) => format === 'json';

  app.get<{ Querystring: { f?: OgcFormat } }>('/ogc/tileMatrixSets', {
    schema: { summary: 'Tile matrix sets', tags, querystring: fOnly, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const links = [{ href: `${base}/tileMatrixSets/${WEB_MERCATOR_QUAD}`, rel: 'self', type: 'application/json', title: WEB_MERCATOR_QUAD }];
    const doc = { tileMatrixSets: [{ id: WEB_MERCATOR_QUAD, title: 'Google Maps Compatible for the World', uri: WEB_MERCATOR_QUAD_URI, links }] };
    if (json(formatOf(request.query.f, request.headers.accept))) return reply.type('application/json').send(doc);
    return reply.type('text/html; charset=utf-8').send(htmlPage('Tile matrix sets', 'The tile grids povmap serves tiles on.', links));
  });

  app.get<{ Params: { tileMatrixSetId: string }; Querystring: { f?: OgcFormat } }>('/ogc/tileMatrixSets/:tileMatrixSetId', {
    schema: { summary: 'A tile matrix set (TMS 2.0 JSON)', tags, params: { type: 'object', properties: { tileMatrixSetId }, required: ['tileMatrixSetId'] }, querystring: fOnly, response: problemResponses },
  }, async (request, reply) => {
    matrixSetOr404(request.params.tileMatrixSetId);
    const tms = webMercatorQuad();
    if (json(formatOf(request.query.f, request.headers.accept))) return reply.type('application/json').send(tms);
    return reply.type('text/html; charset=utf-8').send(htmlPage(tms.title, tms.uri, [], {
      columns: ['tileMatrix', 'scaleDenominator', 'cellSize (m)', 'matrixWidth'],
      rows: tms.tileMatrices.map((m) => [m.id, m.scaleDenominator, m.cellSize, m.matrixWidth]),
    }));
  });

  app.get<{ Params: { collectionId: string }; Querystring: { f?: OgcFormat } }>('/ogc/collections/:collectionId/tiles', {
    schema: { summary: 'The tilesets of a collection', tags, params: { type: 'object', properties: { collectionId }, required: ['collectionId'] }, querystring: fOnly, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const doc = tilesetList(base, tiledOr404(request.params.collectionId), await countryBbox(app.db));
    if (json(formatOf(request.query.f, request.headers.accept))) return reply.type('application/json').send(doc);
    return reply.type('text/html; charset=utf-8').send(htmlPage('Tilesets', request.params.collectionId, doc.tilesets.flatMap((t) => t.links)));
  });

  app.get<{ Params: { collectionId: string; tileMatrixSetId: string }; Querystring: { f?: OgcFormat } }>('/ogc/collections/:collectionId/tiles/:tileMatrixSetId', {
    schema: {
      summary: 'A tileset of a collection: tile URL template and the tiles covering the data per zoom', tags,
      params: { type: 'object', properties: { collectionId, tileMatrixSetId }, required: ['collectionId', 'tileMatrixSetId'] },
      querystring: fOnly, response: problemResponses,
    },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const t = tiledOr404(request.params.collectionId);
    matrixSetOr404(request.params.tileMatrixSetId);
    const doc = tilesetDocument(base, t, await countryBbox(app.db));
    if (json(formatOf(request.query.f, request.headers.accept))) return reply.type('application/json').send(doc);
    return reply.type('text/html; charset=utf-8').send(htmlPage(doc.title, doc.description, doc.links, {
      columns: ['tileMatrix', 'minTileRow', 'maxTileRow', 'minTileCol', 'maxTileCol'],
      rows: doc.tileMatrixSetLimits.map((l) => [l.tileMatrix, l.minTileRow, l.maxTileRow, l.minTileCol, l.maxTileCol]),
    }));
  });

  app.get<{ Params: { collectionId: string; tileMatrixSetId: string; tileMatrix: string; tileRow: string; tileCol: string }; Querystring: { year?: number } }>(
    '/ogc/collections/:collectionId/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol', {
      schema: {
        summary: 'A tile of a collection (MVT, or PNG for the night lights); 204 when empty', tags,
        params: {
          type: 'object', properties: { collectionId, tileMatrixSetId, tileMatrix: digits, tileRow: digits, tileCol: digits },
          required: ['collectionId', 'tileMatrixSetId', 'tileMatrix', 'tileRow', 'tileCol'],
        },
        querystring: {
          type: 'object', additionalProperties: false,
          properties: { year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Survey, village-survey or composite year (default the newest)' } },
        },
        response: problemResponses,
      },
    }, async (request, reply) => {
      const t = tiledOr404(request.params.collectionId);
      matrixSetOr404(request.params.tileMatrixSetId);
      const { tileMatrix, tileRow, tileCol } = request.params;
      const z = Number(tileMatrix);
      if (z < t.minzoom || z > t.maxzoom) {
        throw new HttpProblem(400, `tileMatrix ${tileMatrix} is outside collection ${t.id}'s tile matrices ${t.minzoom}-${t.maxzoom}`, { parameter: 'tileMatrix', in: 'params' });
      }
      // A cell outside the matrix is a tile that does not exist: 404 (OGC API – Tiles), which GDAL's
      // reader takes as an empty tile (GDAL 3.6 asks for rows past the matrix's edge).
      const n = 2 ** z;
      for (const [name, v] of [['tileRow', tileRow], ['tileCol', tileCol]] as const) {
        if (Number(v) >= n) throw new HttpProblem(404, `${name} ${v} is outside tile matrix ${z} (0-${n - 1})`, { parameter: name, in: 'params' });
      }
      return sendLayerTile(app.tiles, request, reply, t.format, { layer: t.layer, z: tileMatrix, x: tileCol, y: tileRow }, { year: request.query.year });
    });
}
