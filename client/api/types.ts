/**
 * The shapes the API answers with, taken from the types generated from the server's OpenAPI
 * document (schema.d.ts, `npm run client:types`): a route's response schema is the one definition,
 * so a field the server renames or drops breaks the client's type check, not the map at run time.
 * Only the TileJSON documents are described here: their routes publish a standard format (TileJSON
 * 3.0), not a response schema.
 */
import type { paths } from './schema.js';

type JsonBody<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON body of the 200 answer of `method path`. */
export type ApiJson<P extends keyof paths, M extends 'get' | 'post' = 'get'> =
  NonNullable<paths[P][M]> extends { responses: { 200: infer R } } ? JsonBody<R> : never;

/** GET /api/meta: survey years, indicators, dimensions and admin levels with their zoom bands. */
export type Meta = ApiJson<'/api/meta'>;
export type IndicatorDef = Meta['indicators'][number];
export type DimensionDef = Meta['dimensions'][number];
export type DimensionId = DimensionDef['id'];
/** An admin level, the zoom band in which the `areas` tiles carry it, and its geocode length. */
export type LevelBand = Meta['levels'][number];

export type AreaSummary = ApiJson<'/api/areas/{code}'>;
export type AreaLevel = AreaSummary['level'];
export type AreaRef = AreaSummary['breadcrumb'][number];
export type Children = ApiJson<'/api/areas/{code}/children'>;
export type AreaHotspot = ApiJson<'/api/hotspots/area/{code}'>;
export type AreaNightlight = ApiJson<'/api/areas/{code}/nightlight'>;
export type AreaAccess = ApiJson<'/api/areas/{code}/access'>;
/** Class breaks of a map measure over every area of a level (the legend's classes). */
export type ChoroplethBreaks = ApiJson<'/api/choropleth/breaks'>;
export type ClassRange = ChoroplethBreaks['ranges'][number];
/** Areas ranked by the figure the map colours by. */
export type MapRanking = ApiJson<'/api/choropleth/ranking'>;
export type PlaceSearch = ApiJson<'/api/search'>;
export type AreaLabel = ApiJson<'/api/labels'>['items'][number];
export type PlaceHit = PlaceSearch['items'][number];
export type AreaAssistance = ApiJson<'/api/areas/{code}/assistance'>;
/** The path to action (issue 21): an area's targets against the solution menu, hand-off batches, progress by stage. */
export type MenuNeeds = ApiJson<'/api/areas/{code}/menu-needs'>;
export type MenuNeed = MenuNeeds['items'][number];
export type HandoffBatch = ApiJson<'/api/handoffs/{id}'>;
export type HandoffUnit = HandoffBatch['unit'];
export type HandoffList = ApiJson<'/api/handoffs'>;
export type StageProgress = ApiJson<'/api/areas/{code}/stage-progress'>;

export type Me = ApiJson<'/api/auth/me'>;
export type User = Me['user'];
export type Login = ApiJson<'/api/auth/login', 'post'>;

export type HouseholdPage = ApiJson<'/api/households'>;
export type Household = HouseholdPage['items'][number];
export type PersonPage = ApiJson<'/api/persons'>;

export type TileCatalog = ApiJson<'/tiles'>;

/** A TileJSON 3.0 document (GET /tiles/{layer}.json), with the fields the client reads. */
export interface TileJson {
  tilejson: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds?: [number, number, number, number];
  vector_layers?: Array<{ id: string; fields: Record<string, string>; minzoom?: number; maxzoom?: number }>;
}

/** The area dashboard's sources (client/dashboard/): potential and readiness, what to speed up, rankings, progress. */
export type AreaContext = ApiJson<'/api/areas/{code}/context'>;
export type SpeedUp = ApiJson<'/api/areas/{code}/speed-up'>;
export type Ranking = ApiJson<'/api/rankings'>;
