/**
 * The OGC API's own service description as OpenAPI 3.0 (OGC API – Features Part 1 "OpenAPI 3.0"
 * conformance class): the /ogc paths of the app's OpenAPI 3.1 document (server/plugins/openapi.ts,
 * made from the routes' schemas, so it cannot drift from what the routes accept), converted down
 * by @apiture/openapi-down-convert (`type: [x, 'null']` → `nullable`, `const` → `enum`, …). Clients
 * of that class (GDAL, QGIS, OGC's test suite) read 3.0; the whole API stays 3.1 at /docs/json.
 */
import { Converter } from '@apiture/openapi-down-convert';

interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

export const OPENAPI_30_MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** The /ogc part of `whole` (an OpenAPI 3.1 document) as OpenAPI 3.0, served relative to `serverUrl`. */
export function ogcOpenApi30(whole: OpenApiDocument, serverUrl: string): object {
  const paths = Object.fromEntries(Object.entries(whole.paths ?? {}).filter(([path]) => path === '/ogc' || path.startsWith('/ogc/')));
  const part: OpenApiDocument = {
    ...whole,
    info: { ...whole.info, title: 'povmap OGC API – Features and Tiles', description: 'The /ogc part of the povmap API. The whole API (OpenAPI 3.1) is at /docs/json.' },
    servers: [{ url: serverUrl }],
    paths,
  };
  return new Converter(part, { allOfTransform: false, convertSchemaComments: true }).convert();
}
