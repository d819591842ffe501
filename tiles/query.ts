/**
 * The query parameters a tile or TileJSON request may carry, as one JSON schema (the Fastify
 * routes validate with it) and the same limits for the raw fast path, which must never accept
 * what the routes would refuse.
 */
import { VERSION_PATTERN } from './cdn-headers.js';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const METRIC_PATTERN = '^[a-z0-9_]{1,64}$';

export const tileQuerySchema = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX, description: 'Survey year; default the newest in the data' },
    metric: { type: 'string', pattern: METRIC_PATTERN, description: 'Only this metric in `areas` features (smaller tiles); default all' },
    v: { type: 'string', pattern: VERSION_PATTERN, description: 'The data version TileJSON put in the URL; when current, the answer may be cached as immutable (tiles/cdn-headers.ts)' },
  },
  additionalProperties: false,
} as const;

const metricRe = new RegExp(METRIC_PATTERN);
const versionRe = new RegExp(VERSION_PATTERN);

/**
 * Parse a raw query string the way the routes would accept it, or return undefined when in doubt
 * (encoded characters, repeats, unknown names, bad values): the caller then takes the slow path.
 */
export function parseSimpleQuery(search: string): { year?: number; metric?: string; v?: string } | undefined {
  const out: { year?: number; metric?: string; v?: string } = {};
  if (!search) return out;
  for (const pair of search.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) return undefined;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (name === 'year' && out.year === undefined && /^[0-9]{4}$/.test(value)) {
      const year = Number(value);
      if (year < YEAR_MIN || year > YEAR_MAX) return undefined;
      out.year = year;
    } else if (name === 'metric' && out.metric === undefined && metricRe.test(value)) {
      out.metric = value;
    } else if (name === 'v' && out.v === undefined && versionRe.test(value)) {
      out.v = value;
    } else {
      return undefined;
    }
  }
  return out;
}
