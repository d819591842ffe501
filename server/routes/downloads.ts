/**
 * GIS downloads (issue 19): GET /ogc/collections/{id}/download?format=gpkg|shp|geojson|csv&year=
 * — an admin level (or the services, or village potential) with its public figures of a year as
 * GeoPackage, zipped Shapefile, GeoJSON (ogr2ogr) or CSV without geometry (streamed), under the same
 * disclosure policy as the map (server/ogc/download.ts). Anonymous like the map, limited per caller
 * like the CSV exports; the export time budget (no statement time-out, stopped when the client leaves).
 */
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemResponses } from '../schemas/common.js';
import { findCollection } from '../ogc/collections.js';
import { csvDownload, DOWNLOAD_FORMATS, writeDownload, type DownloadFormat } from '../ogc/download.js';
import { yearOfRequest } from '../ogc/features.js';
import { HttpProblem } from '../plugins/problem.js';

export interface DownloadRouteOptions {
  /** Downloads per caller per minute. */
  perMinute?: number;
}

interface Query { format: DownloadFormat; year?: number; datetime?: string; zoom?: number }

export async function downloadRoutes(app: FastifyInstance, options: DownloadRouteOptions) {
  const limit = app.rateLimit({
    max: options.perMinute ?? 10,
    timeWindow: '1 minute',
    keyGenerator: (request) => `download:${request.user?.id ?? request.ip}`,
  });

  app.get<{ Params: { collectionId: string }; Querystring: Query }>('/ogc/collections/:collectionId/download', {
    schema: {
      summary: 'Download a collection with its public figures: GeoPackage, zipped Shapefile, GeoJSON or CSV (no geometry)',
      description: 'Files above 512 MiB are refused (413). Shapefile field names are cut to 10 characters by the format.',
      tags: ['ogc'],
      params: { type: 'object', properties: { collectionId: { type: 'string', pattern: '^[a-z-]{1,40}$' } }, required: ['collectionId'] },
      querystring: {
        type: 'object', additionalProperties: false, required: ['format'],
        properties: {
          format: { type: 'string', enum: DOWNLOAD_FORMATS },
          year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Survey year (default the newest)' },
          datetime: { type: 'string', maxLength: 100, description: 'RFC 3339 instant; selects the survey year it falls in' },
          zoom: { type: 'integer', minimum: 0, maximum: 14, description: 'Area collections: geometry simplified for this web-mercator zoom; default full' },
        },
      },
      response: problemResponses,
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => limit.call(app, request, reply),
  }, async (request, reply) => {
    const c = findCollection(request.params.collectionId);
    if (!c) throw new HttpProblem(404, `no collection "${request.params.collectionId}"`, { parameter: 'collectionId', in: 'params' });
    const q = request.query;
    const year = await yearOfRequest(app.db, c, q);
    const source = { year, zoom: q.zoom };
    const stem = `${c.id}${year === undefined ? '' : `-${year}`}`;
    if (q.format === 'csv') {
      const { body } = await csvDownload(app.db, c, source);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${stem}.csv"`).send(body);
    }
    // ogr2ogr stops when the client leaves before the file is written.
    const abort = new AbortController();
    const onClose = () => abort.abort();
    reply.raw.once('close', onClose);
    const file = await writeDownload(app.db, c, source, q.format, abort.signal);
    reply.raw.off('close', onClose);
    const stream = fs.createReadStream(file.file);
    stream.once('close', file.remove);
    return reply.type(file.mediaType).header('content-length', String(file.bytes))
      .header('content-disposition', `attachment; filename="${file.name}"`).send(stream);
  });
}
