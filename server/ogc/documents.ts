/**
 * The JSON documents of /ogc that describe rather than list (issue 19): the landing page, the
 * conformance classes, a collection and its queryables. Links are absolute when PUBLIC_URL is set
 * and relative ("/ogc/…") otherwise, as the tiles' TileJSON does; the request's Host header is never used.
 */
import type { Collection, Property } from './collections.js';
import { CRS84, CRS_URIS } from './crs.js';
import type { HtmlLink } from './html.js';
import { xsdLink } from './schema-xsd.js';

export type Link = HtmlLink;

const OGC = 'http://www.opengis.net/spec';

/**
 * The conformance classes povmap claims; each is exercised by tests/integration/ogc-*.test.ts. Not
 * claimed: CQL2 functions, case- and accent-insensitive comparison, spatial, temporal and array
 * predicates.
 */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core',
  `${OGC}/ogcapi-features-1/1.0/conf/core`,
  `${OGC}/ogcapi-features-1/1.0/conf/geojson`,
  `${OGC}/ogcapi-features-1/1.0/conf/html`,
  `${OGC}/ogcapi-features-1/1.0/conf/oas30`,
  `${OGC}/ogcapi-features-2/1.0/conf/crs`,
  `${OGC}/ogcapi-features-3/1.0/conf/queryables`,
  `${OGC}/ogcapi-features-3/1.0/conf/filter`,
  `${OGC}/ogcapi-features-3/1.0/conf/features-filter`,
  `${OGC}/cql2/1.0/conf/cql2-text`,
  `${OGC}/cql2/1.0/conf/basic-cql2`,
  `${OGC}/cql2/1.0/conf/advanced-comparison-operators`,
  `${OGC}/ogcapi-tiles-1/1.0/conf/core`,
  `${OGC}/ogcapi-tiles-1/1.0/conf/tileset`,
  `${OGC}/ogcapi-tiles-1/1.0/conf/tilesets-list`,
  `${OGC}/ogcapi-tiles-1/1.0/conf/geodata-tilesets`,
  `${OGC}/ogcapi-tiles-1/1.0/conf/mvt`,
  `${OGC}/ogcapi-tiles-1/1.0/conf/png`,
  `${OGC}/tms/2.0/conf/tilematrixset`,
  `${OGC}/tms/2.0/conf/json-tilematrixset`,
];

export const REL_TILESETS_VECTOR = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector';
export const REL_TILESETS_MAP = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-map';

/** JSON and HTML alternates of one resource. */
export function selfLinks(href: string, format: 'json' | 'html', jsonType = 'application/json'): Link[] {
  const sep = href.includes('?') ? '&' : '?';
  return [
    { href: `${href}${sep}f=json`, rel: format === 'json' ? 'self' : 'alternate', type: jsonType, title: 'This document as JSON' },
    { href: `${href}${sep}f=html`, rel: format === 'html' ? 'self' : 'alternate', type: 'text/html', title: 'This document as HTML' },
  ];
}

export function landingPage(base: string, format: 'json' | 'html', docs: string) {
  return {
    title: 'povmap OGC API',
    description: 'Thailand\'s multidimensional poverty (BMN MPI) by province, district, subdistrict and village, services '
      + 'and village potential, as OGC API – Features and Tiles, under the same disclosure policy as the map.',
    links: [
      ...selfLinks(base, format),
      { href: `${base}/api`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'This API\'s description (OpenAPI 3.0)' },
      { href: `${docs}/json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.1', title: 'The whole povmap API (OpenAPI 3.1)' },
      { href: docs, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
      { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      { href: `${base}/collections/nightlight/tiles`, rel: REL_TILESETS_MAP, type: 'application/json', title: 'Night-light map tiles' },
      { href: `${base}/tileMatrixSets`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes', type: 'application/json', title: 'Tile matrix sets' },
    ],
  };
}

export interface Extent {
  /** longitude/latitude box of the data, CRS84 */
  bbox: [number, number, number, number];
  years: readonly number[];
}

export function collectionDocument(base: string, c: Collection, extent: Extent) {
  const self = `${base}/collections/${c.id}`;
  const temporal = extent.years.length
    ? { temporal: { interval: [[`${extent.years[0]}-01-01T00:00:00Z`, `${extent.years[extent.years.length - 1]}-12-31T23:59:59Z`]],
      trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } }
    : {};
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    links: [
      { href: `${self}?f=json`, rel: 'self', type: 'application/json', title: 'This collection' },
      { href: `${self}?f=html`, rel: 'alternate', type: 'text/html', title: 'This collection as HTML' },
      { href: `${self}/items?f=json`, rel: 'items', type: 'application/geo+json', title: 'Its features (GeoJSON)' },
      { href: `${self}/items?f=html`, rel: 'items', type: 'text/html', title: 'Its features (HTML)' },
      { href: `${self}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: 'application/schema+json', title: 'Queryables (CQL2 filter)' },
      // The same schema tells clients the property types (GDAL's OAPIF driver reads it for its fields).
      { href: `${self}/queryables`, rel: 'describedby', type: 'application/schema+json', title: 'Schema of the features' },
      // GML application schema: GDAL's OGCAPI driver gives the layers it makes of the vector tiles these fields.
      xsdLink(base, c.id),
      { href: `${self}/tiles`, rel: REL_TILESETS_VECTOR, type: 'application/json', title: 'Vector tilesets' },
      ...(c.source.kind === 'area' || c.source.kind === 'service'
        ? [{ href: `${self}/download?format=gpkg`, rel: 'enclosure', type: 'application/geopackage+sqlite3', title: 'Download as GeoPackage' }]
        : []),
    ],
    extent: { spatial: { bbox: [extent.bbox], crs: CRS84 }, ...temporal },
    crs: CRS_URIS,
    storageCrs: CRS84,
  };
}

const JSON_TYPE: Record<Property['type'], string> = { string: 'string', number: 'number', integer: 'integer', boolean: 'boolean' };

/** The queryables of a collection (Part 3): its properties as a JSON Schema, with the geometry. */
export function queryables(base: string, c: Collection) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${base}/collections/${c.id}/queryables`,
    type: 'object',
    title: c.title,
    properties: {
      geometry: { format: c.geometry === 'Point' ? 'geometry-point' : 'geometry-multipolygon' },
      ...Object.fromEntries(c.properties.map((p) => [p.name, { type: JSON_TYPE[p.type], description: p.description }])),
    },
    additionalProperties: false,
  };
}
