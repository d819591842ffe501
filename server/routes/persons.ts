/**
 * Person search and its CSV export (issue 20 part 4), the household search's twin: analysts and
 * admins only, an analyst inside their grants only (an area outside is refused 403 and the refusal
 * audited), national ids fully masked without the PII grant, every read audited with its row count
 * and whether exact ids were returned, exports rate-limited per user (server/routes/row-access.ts).
 * An area is required. Order: house code, then person number (server/persons/paging.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditRead } from '../audit/log.js';
import { grantCovers } from '../auth/grants.js';
import { surveyYearOr404 } from '../areas/lookup.js';
import { personCsvExport } from '../persons/csv.js';
import { parsePersonFilter, personFilterQuerySchema, type PersonFilterQuery } from '../persons/filters.js';
import { personPage } from '../persons/search.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses, yearSchema } from '../schemas/common.js';
import { MAX_PAGE } from './households.js';
import { rowAccess, wantsCsv } from './row-access.js';

type Query = PersonFilterQuery & { year?: number; limit: number; cursor?: string; headers: 'en' | 'th' };

const querystring = {
  type: 'object',
  properties: {
    ...personFilterQuerySchema,
    year: yearSchema,
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 50, description: `Page size, at most ${MAX_PAGE}.` },
    cursor: { type: 'string', maxLength: 200, description: 'next_cursor of the previous page.' },
    headers: { type: 'string', enum: ['en', 'th'], default: 'en', description: 'CSV header language.' },
  },
  additionalProperties: false,
} as const;

const flag = { type: 'boolean' } as const;

const itemSchema = {
  type: 'object',
  properties: {
    house_code: { type: 'string' },
    person_no: { type: 'integer', description: 'Member number within the household (1 = the head).' },
    national_id: { type: 'string', description: 'Fully masked ("X-XXXX-XXXXX-XX-X") without the PII grant.' },
    village_code: { type: 'string' }, address_th: { type: 'string' }, address_en: { type: 'string' },
    age: { type: 'integer' },
    sex: { type: 'string', enum: ['m', 'f'] },
    relation_to_head: { type: 'string', enum: ['head', 'spouse', 'child', 'grandchild', 'parent', 'relative'] },
    disabled: flag, in_education: flag, employed: flag, literate: flag, welfare_card: flag, needs_daily_care: flag,
    receives_care: { type: ['boolean', 'null'], description: 'Null when the person needs no care (neither disabled nor needing daily care).' },
    household_target: { type: 'boolean', description: 'The household fails at least one indicator (a target household).' },
    vulnerability_level: { type: ['integer', 'null'], description: "The household's vulnerability level 0-3; null: not vulnerable." },
  },
  required: ['house_code', 'person_no', 'national_id', 'village_code', 'address_th', 'address_en', 'age', 'sex', 'relation_to_head',
    'disabled', 'in_education', 'employed', 'literate', 'welfare_card', 'needs_daily_care', 'receives_care', 'household_target', 'vulnerability_level'],
  additionalProperties: false,
} as const;

export interface PersonRouteOptions {
  /** CSV exports per user per minute. */
  exportsPerMinute?: number;
}

export async function personRoutes(app: FastifyInstance, options: PersonRouteOptions) {
  const { hooks, refuse } = rowAccess(app, { list: 'persons.list', csv: 'persons.csv', exportsPerMinute: options.exportsPerMinute });

  const handler = async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const q = request.query;
    const year = await surveyYearOr404(app.db, q.year);
    const filter = await parsePersonFilter(app.db, q, year);
    if (!grantCovers(user, filter.area)) await refuse(request, new HttpProblem(403, `Your grant does not cover ${filter.area.level} ${filter.area.code}.`));
    const audited = { ...q, year };
    if (wantsCsv(request)) {
      const { body, done } = await personCsvExport(app.db, filter, { pii: user.pii, headers: q.headers });
      void done.then((rows) => auditRead(app.db, user, 'persons.csv', audited, rows)).catch((err) => request.log.error({ err }, 'audit of a person CSV export failed'));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="persons-${filter.area.code}-${year}.csv"`)
        .send(body);
    }
    const page = await personPage(app.db, filter, { pii: user.pii, limit: q.limit, cursor: q.cursor });
    await auditRead(app.db, user, 'persons.list', audited, page.items.length);
    return page;
  };

  app.get<{ Querystring: Query }>('/api/persons', {
    ...hooks,
    schema: {
      tags: ['persons'],
      summary: 'Search the people of an area (analysts; their granted areas), in house code then person number order. Send Accept: text/csv for the full list as CSV.',
      security: [{ bearer: [] }],
      querystring,
      response: {
        200: {
          type: 'object',
          properties: {
            items: { type: 'array', items: itemSchema },
            next_cursor: { type: ['string', 'null'], description: 'Pass as cursor for the next page; null on the last page.' },
            total: { type: 'integer', description: 'People matching the filter (all pages).' },
          },
          required: ['items', 'next_cursor', 'total'],
          additionalProperties: false,
        },
        ...problemResponses,
      },
    },
  }, handler);

  app.get<{ Querystring: Query }>('/api/persons.csv', {
    ...hooks,
    schema: {
      tags: ['persons'],
      summary: 'The whole person search as CSV (UTF-8 with BOM), streamed; same filters as /api/persons',
      security: [{ bearer: [] }],
      querystring,
      produces: ['text/csv'],
      response: { 200: { description: 'CSV, one row per person, header row in English or Thai (headers=th); yes/no columns as 1/0.', type: 'string' }, ...problemResponses },
    },
  }, handler);
}
