/**
 * GET /api/areas/{code}/context?year= — the dashboard's "potential and readiness" of an area (the
 * country, a province, district or subdistrict; issue 24): provincial accounts and the HAI, the
 * poverty-eradication centres' staff and partners, budgeted projects (totals and a page of the list),
 * OTOP products, service points and village potential.
 *
 * None of these figures is a count of surveyed households or people, nor computed from one: the
 * accounts and HAI are provincial statistics, staff, partners, projects, products and service points
 * are counts of those things, and village potential is the village survey's scores (published the
 * same way by /api/areas/{code}/potential). So they are not cells of the disclosure policy
 * (server/disclosure/) and every caller sees them whole.
 */
import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';
import { areaOr404, yearOr404 } from '../areas/lookup.js';
import { HAI_COMPONENTS, OTOP_CATEGORIES } from '../imports/context-formats.js';
import { DIMENSIONS } from '../mpi/indicators.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, nullableNumber, problemResponses } from '../schemas/common.js';
import { STAGES, STATUSES } from './assistance.js';
import { POTENTIAL_DIMENSIONS } from './potential.js';

const SERVICE_KINDS = ['school', 'hospital', 'health_promoting_hospital'] as const;
const CENTRE_LEVELS = ['province', 'district', 'subdistrict'] as const;

const tally = { type: 'object', properties: { projects: { type: 'integer' }, budget_baht: { type: 'number' } }, required: ['projects', 'budget_baht'] } as const;
const tallies = (keys: readonly string[]) => ({ type: 'object', properties: Object.fromEntries(keys.map((k) => [k, tally])), required: [...keys] });
const counts = (keys: readonly string[]) => ({ type: 'object', properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' }])), required: [...keys] });

export const projectSchema = {
  type: 'object',
  properties: {
    project_code: { type: 'string' }, title_th: { type: 'string' }, title_en: { type: ['string', 'null'] }, agency: { type: 'string' },
    budget_baht: { type: 'number' }, area_code: { type: 'string' }, addresses: { type: 'string', description: 'A BMN dimension or indicator id.' },
    stage: { type: 'string', enum: [...STAGES] }, status: { type: 'string', enum: [...STATUSES] },
    progress: { type: 'integer', description: 'Percent done.' }, start_year: { type: 'integer' },
  },
  required: ['project_code', 'title_th', 'title_en', 'agency', 'budget_baht', 'area_code', 'addresses', 'stage', 'status', 'progress', 'start_year'],
} as const;

const schema = {
  summary: 'Potential and readiness of an area (TH = the country): economy, HAI, centre staff, projects, OTOP, services, village potential',
  description: 'A district or subdistrict shows its province\'s accounts and HAI; the country shows sums over the provinces (per head = total GPP / '
    + 'total population) and the HAI and its parts as population-weighted means over the provinces. Staff, projects, products and services '
    + 'count what lies in the area itself and every area within it. None of it rests on household counts, so nothing is withheld.',
  tags: ['context'],
  params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
  querystring: {
    type: 'object', additionalProperties: false,
    properties: {
      year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Year of the accounts and HAI (default: the latest); village potential is of the latest village survey up to it.' },
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 20, description: 'Projects per page.' },
      offset: { type: 'integer', minimum: 0, maximum: 1000000, default: 0, description: 'Projects to skip (largest budget first).' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        code: { type: 'string' }, level: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] }, year: { type: 'integer' },
        economy: {
          type: ['object', 'null'], description: 'null when no province in scope has accounts that year.',
          properties: {
            scope: { type: 'string', enum: ['province', 'country'] }, provinces: { type: 'integer' }, population: { type: 'integer' },
            gpp_million_baht: { type: 'number' }, gpp_per_head_baht: { type: 'number' },
            consumption_million_baht: { type: 'number' }, investment_million_baht: { type: 'number' },
          },
          required: ['scope', 'provinces', 'population', 'gpp_million_baht', 'gpp_per_head_baht', 'consumption_million_baht', 'investment_million_baht'],
        },
        hai: {
          type: ['object', 'null'], description: 'Human Achievement Index and its eight parts, 0-1; null without figures that year.',
          properties: { scope: { type: 'string', enum: ['province', 'country'] }, provinces: { type: 'integer' }, hai: { type: 'number' },
            ...Object.fromEntries(HAI_COMPONENTS.map((c) => [c, { type: 'number' }])) },
          required: ['scope', 'provinces', 'hai', ...HAI_COMPONENTS],
        },
        centres: {
          type: 'object', description: 'Poverty-eradication centres in the area, by level, and their totals.',
          properties: {
            staff: { type: 'integer' }, partners: { type: 'integer' },
            by_level: { type: 'object', properties: Object.fromEntries(CENTRE_LEVELS.map((l) => [l, counts(['centres', 'staff', 'partners'])])), required: [...CENTRE_LEVELS] },
          },
          required: ['staff', 'partners', 'by_level'],
        },
        projects: {
          type: 'object',
          properties: {
            projects: { type: 'integer' }, budget_baht: { type: 'number' },
            by_dimension: tallies(DIMENSIONS.map((d) => d.id)), by_stage: tallies(STAGES), by_status: tallies(STATUSES),
            limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: projectSchema },
          },
          required: ['projects', 'budget_baht', 'by_dimension', 'by_stage', 'by_status', 'limit', 'offset', 'items'],
        },
        otop: {
          type: 'object',
          properties: {
            products: { type: 'integer' }, by_category: counts(OTOP_CATEGORIES), by_stars: counts(['1', '2', '3', '4', '5']),
            top_villages: {
              type: 'array',
              items: { type: 'object', properties: { code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
                products: { type: 'integer' }, mean_stars: { type: 'number' } }, required: ['code', 'name_th', 'name_en', 'products', 'mean_stars'] },
            },
          },
          required: ['products', 'by_category', 'by_stars', 'top_villages'],
        },
        services: counts(SERVICE_KINDS),
        potential: {
          type: ['object', 'null'], description: 'Village potential (as /api/areas/{code}/potential) of the latest village survey up to year; null without one.',
          properties: {
            year: { type: 'integer' }, villages: { type: 'integer' },
            dimensions: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, mean_score: nullableNumber, level1_share: nullableNumber }, required: ['id', 'mean_score', 'level1_share'] } },
          },
          required: ['year', 'villages', 'dimensions'],
        },
      },
      required: ['code', 'level', 'name_th', 'name_en', 'year', 'economy', 'hai', 'centres', 'projects', 'otop', 'services', 'potential'],
    },
    ...problemResponses,
  },
} as const;

interface Query { year?: number; limit: number; offset: number }
type Row = Record<string, unknown>;

export async function areaContextRoutes(app: FastifyInstance) {
  app.get<{ Params: { code: string }; Querystring: Query }>('/api/areas/:code/context', { schema }, async (request) => {
    const area = await areaOr404(app.db, request.params.code);
    if (area.level === 'village') {
      throw new HttpProblem(400, `path parameter "code": ${area.code} is a village; the context covers the country, provinces, districts and subdistricts`, { parameter: 'code', in: 'params' });
    }
    const years = ((await app.db.raw(sqlText('api/area_context_years.sql'))).rows as Row[]).map((r) => Number(r.year));
    const year = yearOr404(years, request.query.year, { name: 'provincial accounts or HAI', none: 'No provincial accounts or HAI figures are loaded.' });
    const { limit, offset } = request.query;
    const code = area.code;
    const country = code === 'TH';
    const raw = (file: string, bindings: Record<string, unknown>) => app.db.raw(sqlText(`api/${file}.sql`), bindings).then((r) => r.rows as Row[]);
    const potentialYears = (await app.db('village_potential').distinct('year').where('year', '<=', year).orderBy('year', 'desc').limit(1).pluck('year')).map(Number);
    const [[economy], staff, totals, page, [otop], services, potential] = await Promise.all([
      raw('area_context_economy', { province: country ? null : area.province_code, year }),
      raw('area_context_staff', { code }),
      raw('area_context_project_totals', { code }),
      raw('area_context_project_page', { code, limit, offset }),
      raw('area_context_otop', { code }),
      raw('area_context_services', { code }),
      potentialYears.length ? raw('area_potential', { code, year: potentialYears[0] }) : Promise.resolve(null),
    ]);
    const scope = country ? 'country' as const : 'province' as const;
    const tallyOf = (grouping: string, keys: readonly string[]) => Object.fromEntries(keys.map((k) => {
      const t = totals.find((r) => r.grouping === grouping && r.key === k);
      return [k, { projects: t ? Number(t.projects) : 0, budget_baht: t ? Number(t.budget_baht) : 0 }];
    }));
    const all = totals.find((r) => r.grouping === 'all')!;
    const byLevel = Object.fromEntries(CENTRE_LEVELS.map((l) => {
      const s = staff.find((r) => r.level === l);
      return [l, { centres: Number(s?.centres ?? 0), staff: Number(s?.staff ?? 0), partners: Number(s?.partners ?? 0) }];
    }));
    const countsOf = (obj: Record<string, number>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, Number(obj[k] ?? 0)]));
    const p = potential?.[0] as Record<string, number | null> | undefined;
    return {
      code, level: area.level, name_th: area.name_th, name_en: area.name_en, year,
      economy: Number(economy.economy_provinces) > 0 ? {
        scope, provinces: Number(economy.economy_provinces), population: Number(economy.population),
        gpp_million_baht: economy.gpp_million_baht, gpp_per_head_baht: economy.gpp_per_head_baht,
        consumption_million_baht: economy.consumption_million_baht, investment_million_baht: economy.investment_million_baht,
      } : null,
      hai: economy.hai ? { scope, provinces: Number(economy.hai_provinces), ...(economy.hai as Record<string, number>) } : null,
      centres: {
        staff: Object.values(byLevel).reduce((a, b) => a + b.staff, 0), partners: Object.values(byLevel).reduce((a, b) => a + b.partners, 0),
        by_level: byLevel,
      },
      projects: {
        projects: Number(all.projects), budget_baht: Number(all.budget_baht),
        by_dimension: tallyOf('dimension', DIMENSIONS.map((d) => d.id)), by_stage: tallyOf('stage', STAGES), by_status: tallyOf('status', STATUSES),
        limit, offset, items: page,
      },
      otop: {
        products: Number(otop.products), by_category: countsOf(otop.by_category as Record<string, number>, OTOP_CATEGORIES),
        by_stars: countsOf(otop.by_stars as Record<string, number>, ['1', '2', '3', '4', '5']), top_villages: otop.top_villages,
      },
      services: countsOf(Object.fromEntries(services.map((s) => [s.kind as string, Number(s.n)])), SERVICE_KINDS),
      potential: p ? {
        year: potentialYears[0], villages: p.villages ?? 0,
        dimensions: POTENTIAL_DIMENSIONS.map((id) => ({ id, mean_score: p[`${id}_mean`], level1_share: p[`${id}_level1`] })),
      } : null,
    };
  });
}
