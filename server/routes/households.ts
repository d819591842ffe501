/**
 * Household search (the seed's screen) and its CSV export. Analysts and admins only; an analyst
 * sees the areas their grants cover; without the PII grant names and national ids are fully masked
 * and positions coarsened to the village's label point (server/households/search.ts); every read is
 * audited, recording whether exact PII was returned, and so is every refused one (403: a role
 * without household access, an area outside the grant). Exports are rate-limited per user.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditRead } from '../audit/log.js';
import { grantCovers } from '../auth/grants.js';
import { surveyYearOr404 } from '../areas/lookup.js';
import { csvExport } from '../households/csv.js';
import { filterQuerySchema, parseFilter, type HouseholdFilterQuery } from '../households/filters.js';
import { SORTS, type Sort } from '../households/paging.js';
import { searchPage } from '../households/search.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses, yearSchema } from '../schemas/common.js';
import { rowAccess, wantsCsv } from './row-access.js';

type Query = HouseholdFilterQuery & { year?: number; limit: number; cursor?: string; sort: Sort; headers: 'en' | 'th' };

export const MAX_PAGE = 1000;

const querystring = {
  type: 'object',
  properties: {
    ...filterQuerySchema,
    year: yearSchema,
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 50, description: `Page size, at most ${MAX_PAGE}.` },
    cursor: { type: 'string', maxLength: 200, description: 'next_cursor of the previous page.' },
    sort: { type: 'string', enum: [...SORTS], default: 'house_code', description: 'A leading - sorts descending; ties break on house code.' },
    headers: { type: 'string', enum: ['en', 'th'], default: 'en', description: 'CSV header language.' },
  },
  additionalProperties: false,
} as const;

const itemSchema = {
  type: 'object',
  properties: {
    house_code: { type: 'string' },
    head_name: { type: 'string', description: 'Fully masked ("•••") without the PII grant.' },
    national_id: { type: 'string', description: 'Fully masked ("X-XXXX-XXXXX-XX-X") without the PII grant.' },
    village_code: { type: 'string' }, address_th: { type: 'string' }, address_en: { type: 'string' },
    lon: { type: ['number', 'null'], description: 'Longitude; without the PII grant the label point of the village, the same for all its households. Null: no location.' },
    lat: { type: ['number', 'null'], description: 'Latitude; without the PII grant the label point of the village. Null: no location.' },
    members: { type: 'integer' }, welfare_card_holders: { type: 'integer' }, failed_dim_count: { type: 'integer' },
    dims: {
      type: 'object',
      properties: { health: { type: 'boolean' }, living: { type: 'boolean' }, education: { type: 'boolean' }, income: { type: 'boolean' }, access: { type: 'boolean' } },
      required: ['health', 'living', 'education', 'income', 'access'],
    },
    vulnerability_level: { type: ['integer', 'null'] },
    finance: {
      type: 'object',
      description: 'Debt and access to a bank, cooperative or village fund account or loan; null where the survey did not ask.',
      properties: { has_debt: { type: ['boolean', 'null'] }, informal_debt: { type: ['boolean', 'null'] }, finance_access: { type: ['boolean', 'null'] } },
      required: ['has_debt', 'informal_debt', 'finance_access'],
    },
    logbook: { type: 'string', enum: ['none', 'planned', 'in_progress', 'done'] },
  },
  required: ['house_code', 'head_name', 'national_id', 'village_code', 'address_th', 'address_en', 'lon', 'lat', 'members',
    'welfare_card_holders', 'failed_dim_count', 'dims', 'vulnerability_level', 'finance'],
} as const;

export interface HouseholdRouteOptions {
  /** CSV exports per user per minute. */
  exportsPerMinute?: number;
}

export async function householdRoutes(app: FastifyInstance, options: HouseholdRouteOptions) {
  const { hooks, refuse } = rowAccess(app, { list: 'households.list', csv: 'households.csv', exportsPerMinute: options.exportsPerMinute });

  const handler = async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const q = request.query;
    const year = await surveyYearOr404(app.db, q.year);
    const filter = await parseFilter(app.db, q, year);
    if (!grantCovers(user, filter.area ?? 'TH')) {
      const what = filter.area ? `${filter.area.level} ${filter.area.code}` : 'the whole country (name a province, district, subdistrict or village)';
      await refuse(request, new HttpProblem(403, `Your grant does not cover ${what}.`));
    }
    const audited = { ...q, year };
    if (wantsCsv(request)) {
      const { body, done } = await csvExport(app.db, filter, { pii: user.pii, sort: q.sort, headers: q.headers });
      void done.then((rows) => auditRead(app.db, user, 'households.csv', audited, rows)).catch((err) => request.log.error({ err }, 'audit of a CSV export failed'));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="households-${filter.area?.code ?? 'TH'}-${year}.csv"`)
        .send(body);
    }
    const page = await searchPage(app.db, filter, { pii: user.pii, sort: q.sort, limit: q.limit, cursor: q.cursor });
    await auditRead(app.db, user, 'households.list', audited, page.items.length);
    return page;
  };

  app.get<{ Querystring: Query }>('/api/households', {
    ...hooks,
    schema: {
      tags: ['households'],
      summary: 'Search households (analysts; their granted areas). Send Accept: text/csv for the full list as CSV.',
      security: [{ bearer: [] }],
      querystring,
      response: {
        200: {
          type: 'object',
          properties: { items: { type: 'array', items: itemSchema }, next_cursor: { type: ['string', 'null'] }, total: { type: 'integer' } },
          required: ['items', 'next_cursor', 'total'],
        },
        ...problemResponses,
      },
    },
  }, handler);

  app.get<{ Querystring: Query }>('/api/households.csv', {
    ...hooks,
    schema: {
      tags: ['households'],
      summary: 'The whole household search as CSV (UTF-8 with BOM), streamed; same filters as /api/households',
      security: [{ bearer: [] }],
      querystring,
      produces: ['text/csv'],
      response: { 200: { description: 'CSV, one row per household, header row in English or Thai (headers=th).', type: 'string' }, ...problemResponses },
    },
  }, handler);
}
