/** The area analytics endpoints, with a small cache: panels and drill-down ask for the same area often. */
import { getJson, query } from './http.js';
import type {
  AreaAccess, AreaLabel, AreaAssistance, AreaHotspot, AreaLevel, AreaNightlight, AreaSummary, Children, ChoroplethBreaks, MapRanking, Meta, PlaceSearch,
} from './types.js';

const cache = new Map<string, Promise<unknown>>();

function cached<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = getJson<T>(path);
    cache.set(path, p);
    p.catch(() => cache.delete(path));
  }
  return p;
}

export const fetchMeta = () => cached<Meta>('/api/meta');

export const fetchArea = (code: string, year: number) => cached<AreaSummary>(`/api/areas/${encodeURIComponent(code)}${query({ year })}`);

export const fetchChildren = (code: string, year: number) =>
  cached<Children>(`/api/areas/${encodeURIComponent(code)}/children${query({ year })}`);

/** Class breaks of a measure over every area of a level, as the server computes them (legend and map). */
export const fetchBreaks = (level: AreaLevel, year: number, measure: string, method: string, classes: number) =>
  cached<ChoroplethBreaks>(`/api/choropleth/breaks${query({ level, year, measure, method, classes })}`);

/** The areas of a level inside a parent with the highest value of the map's measure, as the map shows it. */
export const fetchMapRanking = (level: AreaLevel, parent: string, measure: string, year: number, limit = 10) =>
  cached<MapRanking>(`/api/choropleth/ranking${query({ level, parent, measure, year, limit })}`);

/** Logbook progress of an area: targets by their latest logbook status, and the share helped. */
export const fetchAreaAssistance = (code: string, year: number) =>
  cached<AreaAssistance>(`/api/areas/${encodeURIComponent(code)}/assistance${query({ year })}`);

/** The area's hotspot classes and change, as the hotspot views of the map colour it. */
export const fetchAreaHotspot = (code: string, year: number) =>
  cached<AreaHotspot>(`/api/hotspots/area/${encodeURIComponent(code)}${query({ year })}`);

/** The area's night lights of a composite year, with trend and light-vs-poverty class. */
export const fetchAreaNightlight = (code: string, year: number) =>
  cached<AreaNightlight>(`/api/areas/${encodeURIComponent(code)}/nightlight${query({ year })}`);

/** The area's distances to the nearest school and clinic (5 and 10 km shares) and its 2SFCA clinic ratio. */
export const fetchAreaAccess = (code: string, year: number) =>
  cached<AreaAccess>(`/api/areas/${encodeURIComponent(code)}/access${query({ year })}`);

/** Places by name (Thai or English; prefix, contained or a near miss), inside `within` if given. Not cached: every keystroke differs. */
export const searchPlaces = (q: string, limit = 8, within?: string) => getJson<PlaceSearch>(`/api/search${query({ q, limit, within })}`);

/**
 * Names and label points of a level's areas within a box (west,south,east,north), largest first.
 * Kept like the rest, so a box asked for while its answer is on the way, or again after a move that
 * ends inside it, goes to the server once.
 */
export const fetchLabels = (level: AreaLevel, bbox: string) => cached<{ level: string; items: AreaLabel[] }>(`/api/labels${query({ level, bbox, limit: 600 })}`);
