/** JSON-schema pieces shared by the API routes (they also make the OpenAPI document at /docs). */
import { DEFAULT_K } from '../mpi/indicators.js';
import { AREA_CODE_PATTERN } from '../areas/repository.js';

export const nullableNumber = { type: ['number', 'null'] } as const;
export const nullableInteger = { type: ['integer', 'null'] } as const;

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `parameter` names the bad input when there is one.',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    instance: { type: 'string' }, parameter: { type: 'string' }, in: { type: 'string' },
  },
  required: ['type', 'title', 'status', 'detail'],
} as const;

export const problemResponses = {
  400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema,
} as const;

export const areaCodeSchema = {
  type: 'string', pattern: AREA_CODE_PATTERN,
  description: "Official geocode: province 2 digits, district 4, subdistrict 6, village 8; 'TH' is the country.",
} as const;

export const yearSchema = { type: 'integer', minimum: 2000, maximum: 2100, description: 'Survey year (default: the latest).' } as const;

export const identificationQuery = {
  mode: { type: 'string', enum: ['tpmap', 'af'], default: 'af', description: 'tpmap: poor = fails any indicator; af: Alkire-Foster, poor when score ≥ k.' },
  k: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: DEFAULT_K, description: 'Alkire-Foster cut-off in (0, 1] (af mode).' },
} as const;

/**
 * The reasons a public output withholds values (server/disclosure/policy.ts): key → reason. Empty for
 * callers who see every figure.
 */
export const withheldSchema = {
  type: 'object',
  additionalProperties: { type: 'string', enum: ['area-under-5', 'count-1-4', 'complementary', 'from-withheld-count', 'previous-year-withheld'] },
  description: 'Withheld values (null in the response) and why: area-under-5 (the area has 1-4 households; only its name and code are published), '
    + 'count-1-4 (a count of 1 to 4 households or people), complementary (withheld so that another withheld value cannot be found by subtraction), '
    + 'from-withheld-count (a share, mean, index or z-score resting on a withheld count), previous-year-withheld (a change from a withheld value). '
    + 'Keys: the field names; fail_dims_<n>, vulnerability_<n> for the arrays; deprived_<indicator>, censored_people_<indicator>, dim_failed_<dimension> for the lists.',
} as const;
