/** The area analytics endpoints, with a small cache: panels and drill-down ask for the same area often. */
import { getJson, query } from './http.js';
import type { AreaAccess, AreaHotspot, AreaNightlight, AreaLevel, AreaSummary, Children, Meta, Rankings } from './types.js';

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

export const fetchRankings = (level: AreaLevel, parent: string, by: string, year: number, limit = 10) => {
  const within = parent === 'TH' ? undefined : parent;
  // access:<service>:<km> ranks by the share of target households farther than km (its own route)
  const [kind, service, km] = by.split(':');
  if (kind === 'access') return cached<Rankings>(`/api/access/rankings${query({ level, parent: within, service, km, order: 'desc', limit, year })}`);
  return cached<Rankings>(`/api/rankings${query({ level, parent: within, by, order: 'desc', limit, year })}`);
};

/** The area's hotspot classes and change, as the hotspot views of the map colour it. */
export const fetchAreaHotspot = (code: string, year: number) =>
  cached<AreaHotspot>(`/api/hotspots/area/${encodeURIComponent(code)}${query({ year })}`);

/** The area's night lights of a composite year, with trend and light-vs-poverty class. */
export const fetchAreaNightlight = (code: string, year: number) =>
  cached<AreaNightlight>(`/api/areas/${encodeURIComponent(code)}/nightlight${query({ year })}`);

/** The area's distances to the nearest school and clinic (5 and 10 km shares) and its 2SFCA clinic ratio. */
export const fetchAreaAccess = (code: string, year: number) =>
  cached<AreaAccess>(`/api/areas/${encodeURIComponent(code)}/access${query({ year })}`);
