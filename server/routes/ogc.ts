/**
 * OGC API – Features (issue 19): /ogc, /ogc/conformance, /ogc/collections, /ogc/collections/{id},
 * its queryables, items and single features, in GeoJSON or plain HTML (`f=json|html`, else the
 * Accept header), with Part 2 CRS (`crs`, `bbox-crs`, `Content-Crs`) and Part 3 CQL2 text
 * filters. Public and anonymous like the map: the same public sources and disclosure policy
 * (server/ogc/ and sql/ogc/ say how), never household rows. Registered with the other public routes
 * in routes/api.ts; the tiles of these collections are in routes/ogc-tiles.ts, downloads in
 * routes/downloads.ts.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses } from '../schemas/common.js';
import { COLLECTIONS, FEATURE_ID_PATTERN, findCollection, type Collection, type Property } from '../ogc/collections.js';
import { CqlError, parseCql2 } from '../ogc/cql2.js';
import { filterSql } from '../ogc/cql2-sql.js';
import { bboxOf, contentCrs, crsOf } from '../ogc/crs.js';
import { collectionDocument, CONFORMANCE, landingPage, queryables, selfLinks, type Link } from '../ogc/documents.js';
import {
  collectionYears, yearOfRequest, countMatched, featureId, featurePage, featureProperties, fidKey, oneFeature,
  pageStartBefore, sourceRaw, type FeatureRow,
} from '../ogc/features.js';
import { countryBbox } from '../ogc/extent.js';
import { htmlPage } from '../ogc/html.js';
import { ogcBase } from '../ogc/origin.js';
import { NIGHTLIGHT, rasterCollectionDocument } from '../ogc/tilesets.js';
import { formatOf, type OgcFormat } from '../ogc/negotiation.js';
import { collectionXsd, XSD_MEDIA_TYPE } from '../ogc/schema-xsd.js';
import { ogcOpenApi30, OPENAPI_30_MEDIA_TYPE } from '../ogc/openapi30.js';

/** Items per page unless `limit` says otherwise, and the most a page may hold (documented in the README). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export interface OgcRouteOptions {
  /** PUBLIC_URL: links are absolute on it, relative without it. */
  publicUrl?: string;
}

const f = { type: 'string', enum: ['json', 'html'], description: 'Representation (default: by the Accept header; JSON unless a browser asks for HTML)' } as const;
const collectionId = { type: 'string', pattern: '^[a-z-]{1,40}$', description: `Collection id: ${COLLECTIONS.map((c) => c.id).join(', ')}` } as const;
const crsParam = { type: 'string', maxLength: 200, description: 'CRS of the answer: http://www.opengis.net/def/crs/OGC/1.3/CRS84 (default), …/EPSG/0/4326 (latitude first) or …/EPSG/0/3857' } as const;
const yearParam = { type: 'integer', minimum: 2000, maximum: 2100, description: 'Survey year (area collections) or village-survey year (village-potential); default the newest. Same as `datetime`.' } as const;
const datetimeParam = { type: 'string', maxLength: 100, description: 'RFC 3339 instant or a closed interval within one year; selects the survey year it falls in' } as const;
const zoomParam = { type: 'integer', minimum: 0, maximum: 14, description: 'Area collections: geometry simplified for this web-mercator zoom (the tiles\' precomputed copies); default full geometry' } as const;
const propertiesParam = { type: 'string', maxLength: 4000, description: 'Comma-separated property names to include (default all; see queryables)' } as const;
const keyParam = { type: 'string', pattern: '^[0-9]{1,10}$' } as const;

const collectionParams = { type: 'object', properties: { collectionId }, required: ['collectionId'] } as const;
const tags = ['ogc'];

const itemsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    f,
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: `Features per page (1–${MAX_LIMIT})` },
    bbox: { type: 'string', maxLength: 400, description: 'minx,miny,maxx,maxy in bbox-crs (default CRS84): features whose full geometry intersects it' },
    'bbox-crs': crsParam,
    crs: crsParam,
    datetime: datetimeParam,
    year: yearParam,
    zoom: zoomParam,
    properties: propertiesParam,
    filter: { type: 'string', maxLength: 4000, description: 'CQL2 text (Basic CQL2), e.g. target_share > 0.08 AND level = \'district\'' },
    'filter-lang': { type: 'string', enum: ['cql2-text'] },
    'filter-crs': { type: 'string', enum: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'] },
    after: { ...keyParam, description: 'Keyset: the page after this feature id (the `next` link sets it)' },
    before: { ...keyParam, description: 'Keyset: the page before this feature id (the `prev` link sets it)' },
  },
} as const;

const featureQuery = {
  type: 'object', additionalProperties: false,
  properties: { f, crs: crsParam, datetime: datetimeParam, year: yearParam, zoom: zoomParam, properties: propertiesParam },
} as const;

interface ItemsQuery {
  f?: OgcFormat; limit: number; bbox?: string; 'bbox-crs'?: string; crs?: string; datetime?: string; year?: number; zoom?: number;
  properties?: string; filter?: string; 'filter-lang'?: string; after?: string; before?: string;
}
type FeatureQuery = Pick<ItemsQuery, 'f' | 'crs' | 'datetime' | 'year' | 'zoom' | 'properties'>;

function collectionOr404(id: string): Collection {
  const c = findCollection(id);
  if (!c) throw new HttpProblem(404, `no collection "${id}" (have ${COLLECTIONS.map((x) => x.id).join(', ')})`, { parameter: 'collectionId', in: 'params' });
  return c;
}

function selectedProperties(c: Collection, list: string | undefined): Property[] {
  if (list === undefined) return [...c.properties];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !c.properties.some((p) => p.name === n));
  if (unknown.length) {
    throw new HttpProblem(400, `query parameter "properties" names unknown properties: ${unknown.slice(0, 5).join(', ')} (see the queryables)`, { parameter: 'properties', in: 'querystring' });
  }
  return c.properties.filter((p) => names.includes(p.name));
}

function parsedFilter(text: string | undefined) {
  if (text === undefined) return undefined;
  try {
    return parseCql2(text);
  } catch (err) {
    if (err instanceof CqlError) throw new HttpProblem(400, `query parameter "filter" is not Basic CQL2 text: ${err.message}`, { parameter: 'filter', in: 'querystring' });
    throw err;
  }
}

/** The query string of a link: the request's own, with some parameters replaced or dropped. */
function queryWith(query: Record<string, unknown>, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function ogcRoutes(app: FastifyInstance, options: OgcRouteOptions) {
  /** What the items and feature routes read alike from a request: collection, format, CRS, properties, year. */
  const featureRequest = async (request: FastifyRequest<{ Params: { collectionId: string }; Querystring: FeatureQuery }>) => {
    const c = collectionOr404(request.params.collectionId);
    const q = request.query;
    return {
      base: ogcBase(request, options.publicUrl), c, q, format: formatOf(q.f, request.headers.accept), crs: crsOf(q.crs, 'crs'),
      selected: selectedProperties(c, q.properties), year: await yearOfRequest(app.db, c, q),
    };
  };


  const answer = (reply: FastifyReply, format: OgcFormat, json: unknown, html: () => string, jsonType = 'application/json') => {
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(html());
    return reply.type(jsonType).send(json);
  };
  const formatFor = (request: FastifyRequest<{ Querystring: { f?: OgcFormat } }>) => formatOf(request.query.f, request.headers.accept);

  app.get<{ Querystring: { f?: OgcFormat } }>('/ogc', {
    schema: { summary: 'OGC API landing page', tags, querystring: { type: 'object', additionalProperties: false, properties: { f } }, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const format = formatFor(request);
    const doc = landingPage(base, format, base.replace(/\/ogc$/, '/docs'));
    return answer(reply, format, doc, () => htmlPage(doc.title, doc.description, doc.links));
  });

  // The routes (hence the 3.1 document) are fixed once the app is ready, so the 3.0 conversion is
  // made (and serialised) once per server URL it names: PUBLIC_URL, or the few local addresses the socket reports.
  const openApi30ByServer = new Map<string, string>();
  app.get('/ogc/api', {
    schema: { summary: 'This OGC API\'s description as OpenAPI 3.0 (the whole API, in OpenAPI 3.1, is at /docs/json)', tags, response: problemResponses },
  }, async (request, reply) => {
    const serverUrl = ogcBase(request, options.publicUrl).replace(/\/ogc$/, '') || '/';
    let doc = openApi30ByServer.get(serverUrl);
    if (!doc) {
      doc = JSON.stringify(ogcOpenApi30(app.swagger() as unknown as Parameters<typeof ogcOpenApi30>[0], serverUrl));
      openApi30ByServer.set(serverUrl, doc);
    }
    // with its charset given, Fastify leaves the type as written (else it re-quotes it: version="3.0", which GDAL's check of the type does not expect)
    return reply.type(`${OPENAPI_30_MEDIA_TYPE};charset=utf-8`).send(doc);
  });

  app.get<{ Querystring: { f?: OgcFormat } }>('/ogc/conformance', {
    schema: { summary: 'OGC API conformance classes', tags, querystring: { type: 'object', additionalProperties: false, properties: { f } }, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const format = formatFor(request);
    return answer(reply, format, { conformsTo: CONFORMANCE }, () =>
      htmlPage('Conformance', 'The OGC conformance classes povmap implements.', selfLinks(`${base}/conformance`, format),
        { columns: ['class'], rows: CONFORMANCE.map((c) => [c]) }));
  });

  app.get<{ Querystring: { f?: OgcFormat } }>('/ogc/collections', {
    schema: { summary: 'OGC API collections', tags, querystring: { type: 'object', additionalProperties: false, properties: { f } }, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const format = formatFor(request);
    const bbox = await countryBbox(app.db);
    const collections: Array<ReturnType<typeof collectionDocument>> = [];
    for (const c of COLLECTIONS) collections.push(collectionDocument(base, c, { bbox, years: await collectionYears(app.db, c) }));
    // The night-light raster has tiles but no features: listed in HTML and linked from the landing
    // page, left out of the JSON list, where feature clients (GDAL's OAPIF driver) would read it as a layer.
    const raster = rasterCollectionDocument(base, NIGHTLIGHT, bbox);
    const links = selfLinks(`${base}/collections`, format);
    return answer(reply, format, { links, collections }, () => htmlPage('Collections', 'What povmap serves as OGC API – Features and Tiles.', links, {
      columns: ['id', 'title', 'address', 'description'],
      rows: [...collections.map((c) => [c.id, c.title, `${base}/collections/${c.id}/items?f=html`, c.description]),
        [raster.id, raster.title, `${base}/collections/${raster.id}/tiles`, raster.description]],
    }));
  });

  app.get<{ Params: { collectionId: string }; Querystring: { f?: OgcFormat } }>('/ogc/collections/:collectionId', {
    schema: { summary: 'One OGC API collection', tags, params: collectionParams, querystring: { type: 'object', additionalProperties: false, properties: { f } }, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const format = formatFor(request);
    if (request.params.collectionId === NIGHTLIGHT.id) {
      const doc = rasterCollectionDocument(base, NIGHTLIGHT, await countryBbox(app.db));
      return answer(reply, format, doc, () => htmlPage(doc.title, doc.description, doc.links));
    }
    const c = collectionOr404(request.params.collectionId);
    const doc = collectionDocument(base, c, { bbox: await countryBbox(app.db), years: await collectionYears(app.db, c) });
    return answer(reply, format, doc, () => htmlPage(c.title, c.description, doc.links, {
      columns: ['property', 'type', 'description'], rows: c.properties.map((p) => [p.name, p.type, p.description]),
    }));
  });

  app.get<{ Params: { collectionId: string }; Querystring: { f?: OgcFormat } }>('/ogc/collections/:collectionId/queryables', {
    schema: { summary: 'The properties a CQL2 filter may name', tags, params: collectionParams, querystring: { type: 'object', additionalProperties: false, properties: { f } }, response: problemResponses },
  }, async (request, reply) => {
    const base = ogcBase(request, options.publicUrl);
    const c = collectionOr404(request.params.collectionId);
    const format = formatFor(request);
    return answer(reply, format, queryables(base, c), () => htmlPage(`Queryables of ${c.title}`, 'Properties a CQL2 filter may name.',
      selfLinks(`${base}/collections/${c.id}/queryables`, format), { columns: ['property', 'type', 'description'], rows: c.properties.map((p) => [p.name, p.type, p.description]) }),
    'application/schema+json');
  });

  app.get<{ Params: { collectionId: string } }>('/ogc/collections/:collectionId/schema.xsd', {
    schema: { summary: 'The features of a collection as a GML application schema (what GDAL\'s OGCAPI driver reads fields from)', tags, params: collectionParams, response: problemResponses },
  }, async (request, reply) => reply.type(`${XSD_MEDIA_TYPE}; charset=utf-8`).send(collectionXsd(collectionOr404(request.params.collectionId))));

  app.get<{ Params: { collectionId: string }; Querystring: ItemsQuery }>('/ogc/collections/:collectionId/items', {
    schema: {
      summary: 'Features of a collection (GeoJSON or HTML), paged by keyset, filtered by bbox and CQL2',
      description: `limit 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}); next/prev links page through; features stream in constant memory.`,
      tags, params: collectionParams, querystring: itemsQuery, response: problemResponses,
    },
  }, async (request, reply) => {
    const { base, c, format, crs, selected, year } = await featureRequest(request);
    const q = request.query;
    const bbox = q.bbox === undefined ? undefined : bboxOf(q.bbox, crsOf(q['bbox-crs'], 'bbox-crs'));
    if (q.bbox === undefined && q['bbox-crs'] !== undefined) crsOf(q['bbox-crs'], 'bbox-crs');
    const node = parsedFilter(q.filter);
    let filter;
    try {
      filter = filterSql(app.db, node, c.properties);
    } catch (err) {
      if (err instanceof CqlError) throw new HttpProblem(400, `query parameter "filter": ${err.message}`, { parameter: 'filter', in: 'querystring' });
      throw err;
    }
    const sourceOptions = { year, bbox, zoom: q.zoom };
    const source = sourceRaw(app.db, c, sourceOptions);
    const after = q.before !== undefined
      ? await pageStartBefore(app.db, source, filter, fidKey(c, q.before), q.limit)
      : q.after === undefined ? '' : fidKey(c, q.after);
    const matched = await countMatched(app.db, c, sourceOptions, source, node !== undefined);
    const page = { more: false };
    const rows = featurePage(app.db, source, filter, crs, after, q.limit, page);
    // The first chunk is read before the answer starts, so a failing statement is still a problem answer.
    const first = await rows.next();

    const here = `${base}/collections/${c.id}/items`;
    const query = request.query as unknown as Record<string, unknown>;
    const links = (firstFid: string | undefined, lastFid: string | undefined): Link[] => [
      { href: `${here}${queryWith(query, { f: 'json' })}`, rel: format === 'json' ? 'self' : 'alternate', type: 'application/geo+json', title: 'This page' },
      { href: `${here}${queryWith(query, { f: 'html' })}`, rel: format === 'html' ? 'self' : 'alternate', type: 'text/html', title: 'This page as HTML' },
      { href: `${base}/collections/${c.id}`, rel: 'collection', type: 'application/json', title: c.title },
      ...(page.more && lastFid !== undefined
        ? [{ href: `${here}${queryWith(query, { f: format, after: String(featureId(c, lastFid)), before: undefined })}`, rel: 'next', type: format === 'json' ? 'application/geo+json' : 'text/html', title: 'Next page' }] : []),
      ...(after !== '' && firstFid !== undefined
        ? [{ href: `${here}${queryWith(query, { f: format, before: String(featureId(c, firstFid)), after: undefined })}`, rel: 'prev', type: format === 'json' ? 'application/geo+json' : 'text/html', title: 'Previous page' }] : []),
    ];

    reply.header('content-crs', contentCrs(crs));
    if (format === 'html') {
      const all: FeatureRow[] = first.done ? [] : [first.value];
      for await (const row of rows) all.push(row);
      const shown = selected.slice(0, 40);
      return reply.type('text/html; charset=utf-8').send(htmlPage(`${c.title}: features`,
        `${all.length}${matched === undefined ? '' : ` of ${matched}`} features${year === undefined ? '' : ` (year ${year})`}.`, links(all[0]?.fid, all[all.length - 1]?.fid), {
          columns: shown.map((p) => p.name),
          rows: all.map((r) => shown.map((p) => { const v = r.properties[p.name]; return v === undefined || v === null ? '' : v; })),
        }));
    }

    const feature = (row: FeatureRow) => JSON.stringify({
      type: 'Feature', id: featureId(c, row.fid), geometry: row.geometry === null ? null : JSON.parse(row.geometry),
      properties: featureProperties(row, selected),
    });
    async function* body() {
      yield `{"type":"FeatureCollection",${matched === undefined ? '' : `"numberMatched":${matched},`}"timeStamp":${JSON.stringify(new Date().toISOString())},"features":[`;
      let n = 0;
      let firstFid: string | undefined;
      let lastFid: string | undefined;
      if (!first.done) {
        firstFid = lastFid = first.value.fid;
        n++;
        yield feature(first.value);
        for await (const row of rows) {
          lastFid = row.fid;
          n++;
          yield `,${feature(row)}`;
        }
      }
      yield `],"numberReturned":${n},"links":${JSON.stringify(links(firstFid, lastFid))}}`;
    }
    return reply.type('application/geo+json').send(Readable.from(body(), { objectMode: false }));
  });

  app.get<{ Params: { collectionId: string; featureId: string }; Querystring: FeatureQuery }>('/ogc/collections/:collectionId/items/:featureId', {
    schema: {
      summary: 'One feature of a collection',
      tags,
      params: { type: 'object', properties: { collectionId, featureId: { type: 'string', pattern: FEATURE_ID_PATTERN } }, required: ['collectionId', 'featureId'] },
      querystring: featureQuery,
      response: problemResponses,
    },
  }, async (request, reply) => {
    const { base, c, q, format, crs, selected, year } = await featureRequest(request);
    const row = await oneFeature(app.db, sourceRaw(app.db, c, { year, zoom: q.zoom }), crs, fidKey(c, request.params.featureId));
    if (!row) throw new HttpProblem(404, `collection "${c.id}" has no feature "${request.params.featureId}"${year === undefined ? '' : ` in ${year}`}`, { parameter: 'featureId', in: 'params' });
    const href = `${base}/collections/${c.id}/items/${request.params.featureId}`;
    const links: Link[] = [...selfLinks(href, format, 'application/geo+json'), { href: `${base}/collections/${c.id}`, rel: 'collection', type: 'application/json', title: c.title }];
    reply.header('content-crs', contentCrs(crs));
    const properties = featureProperties(row, selected);
    return answer(reply, format, { type: 'Feature', id: featureId(c, row.fid), geometry: row.geometry === null ? null : JSON.parse(row.geometry), properties, links },
      () => htmlPage(`${c.title}: ${request.params.featureId}`, String(properties.name_en ?? properties.name_th ?? ''), links,
        { columns: ['property', 'value'], rows: Object.entries(properties).map(([k, v]) => [k, v ?? '']) }),
      'application/geo+json');
  });
}
