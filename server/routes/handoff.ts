/**
 * Hand-off to agencies and the results back (issue 21): an analyst inside their grant (or an admin)
 * makes a batch of an agency's matched targets in an area, downloads it as CSV for the agency
 * (UTF-8 with BOM, names and ids masked without the PII grant, audited), and follows the agency
 * view: handed off, acted on, done, outstanding. The agency's filled-in file comes back through
 * the importer (POST /api/imports/results) into the logbook. Progress by stage per area is for
 * analysts inside their grant (a live count of households, not a public figure).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sqlText } from '../../sql/load.js';
import { auditRead, auditRefusal, auditWrite } from '../audit/log.js';
import { grantCovers } from '../auth/grants.js';
import { areaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { seesSmallCells } from '../areas/summary.js';
import { HANDOFF_UNITS, batchCsv, batchSummaries, createBatch, type BatchSummary, type HandoffUnit } from '../handoff/batches.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, problemResponses, yearSchema } from '../schemas/common.js';

const batchSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, agency: { type: 'string' }, survey_year: { type: 'integer' }, area_code: { type: 'string' },
    unit: { type: 'string', enum: HANDOFF_UNITS, description: 'person: a row per matched member; household: a row per household, addressed to its head.' },
    filter: { type: 'object', additionalProperties: true, description: 'What the batch was made from, as asked.' },
    row_count: { type: 'integer', description: 'Rows handed off (one per target, person or household, and menu item).' },
    username: { type: 'string' }, created_at: { type: 'string', format: 'date-time' },
    handed_off: { type: 'integer' },
    acted_on: { type: 'integer', description: 'Rows with at least one logbook entry from the agency\'s results.' },
    done: { type: 'integer', description: 'Rows with an entry of status done.' },
    outstanding: { type: 'integer', description: 'handed_off − acted_on.' },
    links: { type: 'object', properties: { self: { type: 'string' }, csv: { type: 'string' } } },
  },
  required: ['id', 'agency', 'survey_year', 'area_code', 'unit', 'row_count', 'handed_off', 'acted_on', 'done', 'outstanding'],
} as const;

interface CreateBody { agency: string; area_code: string; year?: number; items?: string[]; allocated_only?: boolean; unit?: HandoffUnit }

const present = (b: BatchSummary) => ({ ...b, links: { self: `/api/handoffs/${b.id}`, csv: `/api/handoffs/${b.id}/targets.csv` } });

export async function handoffRoutes(app: FastifyInstance) {
  const exportLimit = app.rateLimit({ max: 10, timeWindow: '1 minute', keyGenerator: (request) => `export:${request.user?.id ?? request.ip}` });

  app.post<{ Body: CreateBody }>('/api/handoffs', {
    schema: {
      tags: ['handoff'],
      summary: "Hand an agency its matched targets in an area (analysts inside their grant, admins): a recorded, audited batch",
      security: [{ bearer: [] }],
      body: {
        type: 'object',
        properties: {
          agency: { type: 'string', minLength: 1, maxLength: 200, description: 'An agency of the menu (exactly as in GET /api/menu).' },
          area_code: { ...areaCodeSchema, description: 'The area whose targets are handed off (inside your grant).' },
          year: yearSchema,
          items: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,40}$' }, uniqueItems: true, maxItems: 500, default: [], description: "Menu item codes of the agency; empty: all the agency's items." },
          allocated_only: { type: 'boolean', default: true, description: "Only targets the items' capacity per year reaches (false: every matched target)." },
          unit: { type: 'string', enum: HANDOFF_UNITS, default: 'household', description: "person: a row per matched member (each member's own eligibility: age band, welfare card); household: a row per household whose members match, addressed to its head (person_no 1)." },
        },
        required: ['agency', 'area_code'],
        additionalProperties: false,
      },
      response: { 201: batchSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const b = request.body;
    const area = await areaOr404(app.db, b.area_code, 'area_code', 'querystring');
    if (!seesSmallCells(request, area)) throw new HttpProblem(403, `Your grant does not cover area ${area.code}.`);
    const year = await surveyYearOr404(app.db, b.year);
    const codes: string[] = await app.db('menu_item').where({ agency: b.agency }).pluck('code');
    if (!codes.length) throw new HttpProblem(400, `body/agency: the menu has no item of agency "${b.agency}"`, { parameter: 'agency', in: 'body' });
    const foreign = (b.items ?? []).filter((c) => !codes.includes(c));
    if (foreign.length) throw new HttpProblem(400, `body/items: ${foreign.join(', ')} not an item of agency "${b.agency}"`, { parameter: 'items', in: 'body' });
    const { id, rows } = await createBatch(app.db, { agency: b.agency, year, area, items: b.items ?? [], allocated_only: b.allocated_only ?? true, unit: b.unit ?? 'household' }, user);
    await auditWrite(app.db, user, 'handoff.create', { batch: id, agency: b.agency, area: area.code, year, items: b.items ?? [], unit: b.unit ?? 'household' }, rows, false);
    reply.code(201).header('location', `/api/handoffs/${id}`);
    return present((await batchSummaries(app.db, { batch: id }))[0]);
  });

  app.get<{ Querystring: { agency?: string } }>('/api/handoffs', {
    schema: {
      tags: ['handoff'],
      summary: 'The agency view: hand-off batches with what was handed off, acted on, done and outstanding (analysts: their own batches; admins: all)',
      security: [{ bearer: [] }],
      querystring: { type: 'object', properties: { agency: { type: 'string', minLength: 1, maxLength: 200 } }, additionalProperties: false },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: batchSchema } }, required: ['items'] }, ...problemResponses },
    },
  }, async (request) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const items = await batchSummaries(app.db, { agency: request.query.agency, userId: user.role === 'admin' ? null : user.id });
    return { items: items.map(present) };
  });

  const loadBatch = async (request: FastifyRequest, id: number) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const [batch] = await batchSummaries(app.db, { batch: id });
    if (!batch) throw new HttpProblem(404, `No hand-off batch with id ${id}.`, { parameter: 'id', in: 'params' });
    if (user.role !== 'admin') {
      const area = await areaOr404(app.db, batch.area_code);
      if (!grantCovers(user, area.code === 'TH' ? 'TH' : { code: area.code, province_code: area.province_code!, district_code: area.district_code, subdistrict_code: area.subdistrict_code })) {
        await auditRefusal(app.db, user, 'handoff.csv', { batch: id }, 'outside the grant');
        throw new HttpProblem(403, `Your grant does not cover area ${area.code} of batch ${id}.`);
      }
    }
    return { user, batch };
  };

  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 } }, required: ['id'] } as const;

  app.get<{ Params: { id: number } }>('/api/handoffs/:id', {
    schema: { tags: ['handoff'], summary: 'One hand-off batch with its agency view (analysts covering its area, admins)', security: [{ bearer: [] }], params: idParams, response: { 200: batchSchema, ...problemResponses } },
  }, async (request) => present((await loadBatch(request, request.params.id)).batch));

  app.get<{ Params: { id: number } }>('/api/handoffs/:id/targets.csv', {
    preHandler: async (request, reply) => {
      await exportLimit.call(app, request, reply);
    },
    schema: {
      tags: ['handoff'],
      summary: "The batch's targets as CSV for the agency (UTF-8 with BOM; names and ids masked without the PII grant; audited). Fill in stage, status, done_on and send it back to POST /api/imports/results",
      security: [{ bearer: [] }], params: idParams, produces: ['text/csv'],
      response: { 200: { type: 'string' }, ...problemResponses },
    },
  }, async (request, reply) => {
    const { user, batch } = await loadBatch(request, request.params.id);
    const { body, done } = await batchCsv(app.db, batch.id, user.pii);
    void done.then((rows) => auditRead(app.db, user, 'handoff.csv', { batch: batch.id, agency: batch.agency }, rows))
      .catch((err) => request.log.error({ err }, 'audit of a hand-off CSV failed'));
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="handoff-${batch.id}.csv"`)
      .send(body);
  });

  app.get<{ Params: { code: string }; Querystring: { year?: number } }>('/api/areas/:code/stage-progress', {
    schema: {
      tags: ['handoff'],
      summary: "An area's target households by the path to action: handed off, acted on, and done at each stage (analysts inside their grant, admins; counted live)",
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
      querystring: { type: 'object', properties: { year: yearSchema }, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: {
            code: { type: 'string' }, level: { type: 'string' }, year: { type: 'integer' },
            target_households: { type: 'integer' }, handed_off: { type: 'integer' }, acted_on: { type: 'integer' },
            stages: {
              type: 'object', description: "Target households with a 'done' logbook entry at each stage.",
              properties: { survive: { type: 'integer' }, sufficiency: { type: 'integer' }, sustainable: { type: 'integer' } },
            },
          },
          required: ['code', 'level', 'year', 'target_households', 'handed_off', 'acted_on', 'stages'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    requireRole(request, ['analyst', 'admin']);
    const [year, area] = await Promise.all([surveyYearOr404(app.db, request.query.year), areaOr404(app.db, request.params.code)]);
    if (!seesSmallCells(request, area)) throw new HttpProblem(403, `Your grant does not cover area ${area.code}; the public logbook figures are GET /api/areas/{code}/assistance.`);
    const { rows: [c] } = await app.db.raw(sqlText('handoff/stage_progress.sql'), { year, level: area.level, code: area.code });
    return {
      code: area.code, level: area.level, year, target_households: c.target_households, handed_off: c.handed_off, acted_on: c.acted_on,
      stages: { survive: c.survive, sufficiency: c.sufficiency, sustainable: c.sustainable },
    };
  });
}
