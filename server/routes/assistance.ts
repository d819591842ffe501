/**
 * The assistance logbook: what was done for a household (analysts inside their grant, admins), and
 * the progress per area (anyone; small cells suppressed as for the MPI figures). Bulk logbook files
 * go through the importer (POST /api/imports/assistance, server/routes/imports.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditRead, auditWrite } from '../audit/log.js';
import { grantCovers } from '../auth/grants.js';
import { areaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { seesSmallCells } from '../areas/summary.js';
import { areaDecisions, Disclosure, MIN_CELL } from '../disclosure/policy.js';
import { sqlText } from '../../sql/load.js';
import { DIMENSIONS } from '../mpi/indicators.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, nullableInteger, nullableNumber, problemResponses, problemSchema, yearSchema, withheldSchema } from '../schemas/common.js';

export const STAGES = ['survive', 'sufficiency', 'sustainable'] as const;
export const STATUSES = ['planned', 'in_progress', 'done'] as const;

interface HouseholdParams {
  year: number;
  house_code: string;
}

interface EntryBody {
  agency: string;
  done_on: string;
  dimension: string;
  stage: string;
  status: string;
  note?: string;
}

const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, survey_year: { type: 'integer' }, house_code: { type: 'string' },
    agency: { type: 'string' }, done_on: { type: 'string', format: 'date' },
    dimension: { type: 'string', enum: DIMENSIONS.map((d) => d.id) }, stage: { type: 'string', enum: [...STAGES] },
    status: { type: 'string', enum: [...STATUSES] }, note: { type: ['string', 'null'] },
    created_at: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'survey_year', 'house_code', 'agency', 'done_on', 'dimension', 'stage', 'status', 'note'],
} as const;

const householdParams = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Survey year.' },
    house_code: { type: 'string', pattern: '^[0-9]{12}$', description: 'House code (12 digits).' },
  },
  required: ['year', 'house_code'],
} as const;

const ENTRY_COLUMNS = ['id', 'survey_year', 'house_code', 'agency', 'done_on', 'dimension', 'stage', 'status', 'note', 'created_at'];

function presentEntry(row: Record<string, unknown>) {
  const d = row.done_on as Date;
  const ymd = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { ...row, done_on: ymd, created_at: (row.created_at as Date).toISOString() };
}

export async function assistanceRoutes(app: FastifyInstance) {
  /** The household behind the URL, after checking the caller's grant covers it. */
  const household = async (request: FastifyRequest<{ Params: HouseholdParams }>) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const { year, house_code } = request.params;
    const h = await app.db('household').where({ survey_year: year, house_code })
      .first('house_code', 'village_code as code', 'province_code', 'district_code', 'subdistrict_code');
    if (!h) throw new HttpProblem(404, `No household ${house_code} in survey year ${year}.`, { parameter: 'house_code', in: 'params' });
    if (!grantCovers(user, h)) throw new HttpProblem(403, `Your grant does not cover village ${h.code}.`);
    return user;
  };

  app.post<{ Params: HouseholdParams; Body: EntryBody }>('/api/households/:year/:house_code/assistance', {
    schema: {
      tags: ['assistance'],
      summary: 'Record what was done for a household (analysts inside their grant, admins)',
      security: [{ bearer: [] }],
      params: householdParams,
      body: {
        type: 'object',
        properties: {
          agency: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', description: 'Who helped.' },
          done_on: { type: 'string', format: 'date', description: 'When (YYYY-MM-DD).' },
          dimension: { type: 'string', enum: DIMENSIONS.map((d) => d.id), description: 'The dimension addressed.' },
          stage: { type: 'string', enum: [...STAGES], description: 'survive, sufficiency or sustainable.' },
          status: { type: 'string', enum: [...STATUSES] },
          note: { type: 'string', maxLength: 2000 },
        },
        required: ['agency', 'done_on', 'dimension', 'stage', 'status'],
        additionalProperties: false,
      },
      response: { 201: entrySchema, ...problemResponses, 409: problemSchema },
    },
  }, async (request, reply) => {
    const user = await household(request);
    const b = request.body;
    const row = { survey_year: request.params.year, house_code: request.params.house_code, agency: b.agency.trim(), done_on: b.done_on,
      dimension: b.dimension, stage: b.stage, status: b.status, note: b.note ?? null };
    const inserted = await app.db('assistance_log').insert(row).onConflict(['survey_year', 'house_code', 'person_no', 'agency', 'done_on', 'dimension', 'stage', 'status'])
      .ignore().returning(ENTRY_COLUMNS);
    if (!inserted.length) {
      throw new HttpProblem(409, 'The household already has this entry (same agency, date, dimension, stage and status).');
    }
    await auditWrite(app.db, user, 'assistance.write', { survey_year: row.survey_year, house_code: row.house_code, id: inserted[0].id }, 1, false);
    // The logbook rollup (tiles, GET /api/areas/{code}/assistance) follows moments later, in the background.
    app.imports.refreshAssistanceSoon();
    reply.code(201).header('location', `/api/households/${row.survey_year}/${row.house_code}/assistance`);
    return presentEntry(inserted[0]);
  });

  app.get<{ Params: HouseholdParams }>('/api/households/:year/:house_code/assistance', {
    schema: {
      tags: ['assistance'],
      summary: "A household's logbook, oldest first (analysts inside their grant, admins)",
      security: [{ bearer: [] }],
      params: householdParams,
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: entrySchema } }, required: ['items'] }, ...problemResponses },
    },
  }, async (request) => {
    const user = await household(request);
    const rows = await app.db('assistance_log').where({ survey_year: request.params.year, house_code: request.params.house_code })
      .select(ENTRY_COLUMNS).orderBy([{ column: 'done_on' }, { column: 'id' }]);
    await auditRead(app.db, user, 'assistance.list', { ...request.params }, rows.length);
    return { items: rows.map(presentEntry) };
  });

  app.get<{ Params: { code: string }; Querystring: { year?: number } }>('/api/areas/:code/assistance', {
    schema: {
      tags: ['assistance'],
      summary: 'Assistance logbook progress of an area: targets, surveyed, helped, share helped (the logbook rollup, refreshed moments after each write)',
      params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
      querystring: { type: 'object', properties: { year: yearSchema }, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: {
            code: { type: 'string' }, level: { type: 'string' }, year: { type: 'integer' }, suppressed: { type: 'boolean' },
            households: nullableInteger, target_households: nullableInteger, helped_households: nullableInteger,
            helped_share: { ...nullableNumber, description: 'helped_households / target_households; null without targets or when suppressed.' },
            targets_by_status: {
              type: ['object', 'null'],
              description: 'Target households by the status of their latest logbook entry.',
              properties: { none: nullableInteger, planned: nullableInteger, in_progress: nullableInteger, done: nullableInteger },
            },
            withheld: withheldSchema,
          },
          required: ['code', 'level', 'year', 'suppressed', 'households', 'target_households', 'helped_households', 'helped_share', 'withheld'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const [year, area] = await Promise.all([surveyYearOr404(app.db, request.query.year), areaOr404(app.db, request.params.code)]);
    const { rows: [c] } = await app.db.raw(sqlText('api/area_assistance.sql'), { year, code: area.code });
    const all = seesSmallCells(request, area);
    const base = { code: area.code, level: area.level, year };
    const decision = all ? null : (await areaDecisions(app.db, [area.code], year)).get(area.code)!;
    if (decision && (decision.suppressed || (c.households > 0 && c.households < MIN_CELL))) {
      return { ...base, suppressed: true, households: null, target_households: null, helped_households: null, helped_share: null,
        targets_by_status: null, withheld: { households: 'area-under-5' as const } };
    }
    // The disclosure policy (server/disclosure/policy.ts): the rollup cells it withholds, counts of 1-4,
    // and the logbook statuses as a partition of the target households.
    const d = new Disclosure(decision !== null, decision?.cells);
    const households = d.count('households', c.households);
    let target = d.count('target_households', c.target_households);
    const helped = d.count('helped_households', c.helped_households);
    const raw = { none: c.targets_none, planned: c.targets_planned, in_progress: c.targets_in_progress, done: c.targets_done };
    const statuses = d.partition(target, {
      none: d.count('none', raw.none, 'targets_none'), planned: d.count('planned', raw.planned, 'targets_planned'),
      in_progress: d.count('in_progress', raw.in_progress, 'targets_in_progress'), done: d.count('done', raw.done, 'targets_done'),
    }, raw);
    if (statuses.totalToo && target !== null) {
      target = null;
      d.withheld.target_households = 'complementary';
    }
    return {
      ...base, suppressed: false, households, target_households: target, helped_households: helped,
      helped_share: c.target_households > 0 ? d.follows('helped_share', c.helped_households / c.target_households, helped, target) : null,
      targets_by_status: statuses.cells, withheld: d.withheld,
    };
  });
}
