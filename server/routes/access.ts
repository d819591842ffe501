/**
 * Service accessibility (issue 7, part 1):
 * GET /api/areas/{code}/access?year=&km=5,10&catchment_km=10 — distances to the nearest school and
 *   clinic, share of target households farther than each km, 2SFCA clinic ratio of one area.
 * GET /api/access/rankings — the areas of a level inside a parent ranked by the share of their
 *   target households farther than km from the nearest school or clinic.
 */
import type { FastifyInstance } from 'fastify';
import { areaOr404, parentAreaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { areaDecisions, MIN_CELL, withheldAreas } from '../disclosure/policy.js';
import { farDecisionsAt } from '../disclosure/far-at-distance.js';
import { seesSmallCells } from '../areas/summary.js';
import { CATCHMENT_LIMIT_KM, checkCatchment, onRequest } from '../access/on-request.js';
import { areaAccess, areaRange, DEFAULT_CATCHMENT_KM, MAX_CATCHMENT_KM, MAX_KM, ROLLUP_KM, SERVICES, type Service } from '../access/figures.js';
import { sqlText } from '../../sql/load.js';
import { ADMIN_LEVELS } from '../../tiles/levels.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, nullableInteger, nullableNumber, problemResponses, yearSchema } from '../schemas/common.js';

const MAX_KM_VALUES = 6;

/** "5,7.3" → [5, 7.3]; a 400 naming `km` for anything else (empty, non-numeric, ≤ 0, > MAX_KM). */
export function parseKm(text: string, parameter = 'km', max = MAX_KM_VALUES): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const bad = (why: string) => new HttpProblem(400, `query parameter "${parameter}" ${why}`, { parameter, in: 'querystring' });
  if (parts.length > max) throw bad(`takes at most ${max} distances`);
  const values: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]+(\.[0-9]+)?$/.test(p)) throw bad(`must be kilometres as positive numbers separated by commas, got "${p}"`);
    const km = Number(p);
    if (km <= 0) throw bad(`must be more than 0 km, got ${p}`);
    if (km > MAX_KM) throw bad(`must be at most ${MAX_KM} km (no household in Thailand is that far from a service), got ${p}`);
    if (!values.includes(km)) values.push(km);
  }
  return values;
}

const kmQuery = {
  type: 'string', default: ROLLUP_KM.join(','), maxLength: 100,
  description: `Distances in km, comma-separated (at most ${MAX_KM_VALUES}, each in (0, ${MAX_KM}]). 5 and 10 are precomputed; others are counted from the target households on request (national profile: the largest province about 50 ms, the country about 0.9 s).`,
} as const;
const catchmentQuery = {
  type: 'number', exclusiveMinimum: 0, maximum: MAX_CATCHMENT_KM, default: DEFAULT_CATCHMENT_KM,
  description: `2SFCA catchment d0 in km (geodesic); ${DEFAULT_CATCHMENT_KM} is precomputed, others are computed from the villages on request `
    + `(on the demo data at 15 km: Bangkok about 5 s, the country about 48 s), so they are bounded by the area's level: `
    + `${Object.entries(CATCHMENT_LIMIT_KM).map(([level, km]) => `${level} ${km === null ? `${DEFAULT_CATCHMENT_KM} only` : `≤ ${km}`}`).join(', ')}; beyond, 400.`,
} as const;

const serviceSchema = {
  type: 'object',
  properties: {
    service: { type: 'string', enum: SERVICES, description: 'school, or clinic = hospital or health-promoting hospital' },
    located_households: { ...nullableInteger, description: 'Households with a location (a distance).' },
    located_target_households: { ...nullableInteger, description: 'Target households (failing any indicator) with a location: the denominator of the shares.' },
    mean_km: { ...nullableNumber, description: 'Mean geodesic distance to the nearest service, all located households.' },
    target_mean_km: { ...nullableNumber, description: 'The same over located target households.' },
    far: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          km: { type: 'number' },
          target_households: { ...nullableInteger, description: 'Located target households whose nearest service is farther than km.' },
          share: { ...nullableNumber, description: 'target_households / located_target_households.' },
        },
        required: ['km', 'target_households', 'share'],
      },
    },
  },
  required: ['service', 'located_households', 'located_target_households', 'mean_km', 'target_mean_km', 'far'],
} as const;

const accessSchema = {
  summary: 'Service accessibility of an area (TH = the country): distance to the nearest school and clinic, share of target households far away, 2SFCA clinic ratio',
  description: 'Distances are geodesic (WGS 84) from each household to the nearest school and the nearest clinic (hospital or health-promoting hospital), '
    + 'precomputed by the derived-data refresh. Households without a location count in `households` only. '
    + '2SFCA: per clinic R_j = capacity / people of the villages within d0, per village A_i = Σ R_j of the clinics within d0 '
    + '(villages located at the people-weighted mean of their households); the area value is the people-weighted mean of A_i per 1,000 people '
    + '(clinic capacity, patients per day, per 1,000 people). Public callers: areas with fewer than 5 households are suppressed, counts of 1-4 are null, '
    + 'and shares are null when fewer than 5 target households are located.',
  tags: ['context'],
  params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
  querystring: {
    type: 'object', additionalProperties: false,
    properties: { year: yearSchema, km: kmQuery, catchment_km: catchmentQuery },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        code: { type: 'string' }, level: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
        year: { type: 'integer' }, suppressed: { type: 'boolean' },
        households: nullableInteger, target_households: nullableInteger,
        source: { type: 'string', enum: ['rollup', 'households'], description: 'households: some km was counted on request.' },
        services: { type: 'array', items: serviceSchema },
        clinic_2sfca: {
          type: 'object',
          properties: {
            catchment_km: { type: 'number' },
            per_1000_people: { ...nullableNumber, description: 'Clinic capacity (patients per day) per 1,000 people.' },
            people: { ...nullableInteger, description: 'People of the area\'s villages (the demand).' },
            source: { type: 'string', enum: ['rollup', 'villages'] },
          },
          required: ['catchment_km', 'per_1000_people', 'people', 'source'],
        },
      },
      required: ['code', 'level', 'name_th', 'name_en', 'year', 'suppressed', 'households', 'target_households', 'source', 'services', 'clinic_2sfca'],
    },
    ...problemResponses,
  },
} as const;

type Level = 'province' | 'district' | 'subdistrict' | 'village';
interface RankingQuery { level: Level; parent: string; service: Service; km: string; order: 'desc' | 'asc'; limit: number; year?: number }

const rankingSchema = {
  summary: 'Areas of a level inside a parent ranked by the share of their target households farther than km from the nearest school or clinic',
  description: 'km 5 and 10 read the rollup; other distances count the target households of the parent on request. '
    + 'Ties share a rank. Areas with fewer than 5 located target households are left out unless the caller is an admin or an analyst whose grant covers the parent.',
  tags: ['context'],
  querystring: {
    type: 'object', additionalProperties: false,
    properties: {
      level: { type: 'string', enum: [...ADMIN_LEVELS], default: 'province' },
      parent: { ...areaCodeSchema, default: 'TH' },
      service: { type: 'string', enum: SERVICES, default: 'clinic' },
      km: { type: 'string', default: '5', maxLength: 20, description: `One distance in km, in (0, ${MAX_KM}].` },
      order: { type: 'string', enum: ['desc', 'asc'], default: 'desc' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
      year: yearSchema,
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        level: { type: 'string' }, parent: { type: 'string' }, service: { type: 'string' }, km: { type: 'number' }, year: { type: 'integer' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              rank: { type: 'integer' }, code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
              value: { type: 'number', description: 'Share of located target households farther than km.' },
              target_households: { type: 'integer', description: 'Located target households (the denominator).' },
            },
            required: ['rank', 'code', 'name_th', 'name_en', 'value', 'target_households'],
          },
        },
      },
      required: ['level', 'parent', 'service', 'km', 'year', 'items'],
    },
    ...problemResponses,
  },
} as const;

export async function accessRoutes(app: FastifyInstance) {
  app.get<{ Params: { code: string }; Querystring: { year?: number; km: string; catchment_km: number } }>(
    '/api/areas/:code/access', { schema: accessSchema }, async (request) => {
      const kms = parseKm(request.query.km);
      const [year, area] = await Promise.all([surveyYearOr404(app.db, request.query.year), areaOr404(app.db, request.params.code)]);
      checkCatchment(area.level, request.query.catchment_km, DEFAULT_CATCHMENT_KM);
      const decision = seesSmallCells(request, area) ? null : (await areaDecisions(app.db, [area.code], year)).get(area.code)!;
      const figures = await areaAccess(app.db, area, year, kms, request.query.catchment_km, decision);
      return { code: area.code, level: area.level, name_th: area.name_th, name_en: area.name_en, year, ...figures };
    });

  app.get<{ Querystring: RankingQuery }>('/api/access/rankings', { schema: rankingSchema }, async (request) => {
    const q = request.query;
    const [km] = parseKm(q.km, 'km', 1);
    const parent = await parentAreaOr404(app.db, q.parent, q.level);
    const year = await surveyYearOr404(app.db, q.year);
    const rollup = (ROLLUP_KM as readonly number[]).includes(km);
    const all = seesSmallCells(request, parent);
    const bindings = {
      year, level: q.level, parent: parent.code, service: q.service, km, ...areaRange(parent),
      rollup, sign: q.order === 'desc' ? -1 : 1, limit: q.limit,
      min_targets: all ? 1 : MIN_CELL, excluded: all ? '' : [...await withheldShares(app.db, year, q.service, km, rollup)].join(','),
    };
    const ranked = async () => (await app.db.raw(sqlText('api/access_rankings.sql'), bindings)).rows as object[];
    // another km than the rollup's counts the parent's target households: gated and cached
    const rows = rollup ? await ranked() : (await onRequest(app.db, 'rankings', bindings, async () => ({ rows: await ranked() }))).rows;
    return { level: q.level, parent: parent.code, service: q.service, km, year, items: rows };
  });
}

/** The areas whose share of target households far from `service` the disclosure policy withholds. */
async function withheldShares(db: FastifyInstance['db'], year: number, service: Service, km: number, rollup: boolean): Promise<Set<string>> {
  const located = `target_${service}_located`;
  if (rollup) return withheldAreas(db, [year], [located, `target_${service}_far_${km}km`, `target_${service}_near_${km}km`]);
  const [stored, atDistance] = await Promise.all([withheldAreas(db, [year], [located]), farDecisionsAt(db, year, km)]);
  for (const [code, cells] of atDistance) {
    if ([located, `target_${service}_far`, `target_${service}_near`].some((c) => c in cells)) stored.add(code);
  }
  return stored;
}
