/**
 * The solution menu (issue 21): the catalogue of measures agencies offer, read by anyone (it is a
 * public list of public services, with no personal data) and written by admins; matching a
 * household to it (analysts inside their grant, audited) and an area's needs against it per item
 * (analysts inside their grant, admins: counts of a few households each, not public). The public
 * figure of the menu is the unmet need, a map measure of the `areas` tiles (menu_unmet,
 * menu_unmet_share) under the disclosure policy, ranked by GET /api/choropleth/ranking.
 * Bulk menu files go through the importer (POST /api/imports/menu).
 */
import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';
import { auditRead, auditWrite } from '../audit/log.js';
import { grantCovers } from '../auth/grants.js';
import { areaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { seesSmallCells } from '../areas/summary.js';
import type { MenuItemInput } from '../menu/demo-menu.js';
import { getItem, listItems, saveItem } from '../menu/items.js';
import { DIMENSIONS } from '../mpi/indicators.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, problemResponses, problemSchema, yearSchema } from '../schemas/common.js';
import { menuItemBody, menuItemSchema, STAGE_WORDS } from '../schemas/menu.js';

const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 } }, required: ['id'] } as const;

const matchedItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, code: { type: 'string' }, agency: { type: 'string' }, title_th: { type: 'string' }, title_en: { type: 'string' },
    dimension: { type: 'string' }, stage: { type: 'string' }, capacity_per_year: { type: 'integer' },
  },
  required: ['id', 'code', 'agency', 'title_th', 'title_en', 'dimension', 'stage', 'capacity_per_year'],
} as const;

export async function menuRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { agency?: string; dimension?: string; stage?: string } }>('/api/menu', {
    schema: {
      tags: ['menu'], summary: 'The solution menu: every measure agencies offer (public)',
      querystring: {
        type: 'object',
        properties: {
          agency: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'The agency, exactly (no control characters).' },
          dimension: { type: 'string', enum: DIMENSIONS.map((d) => d.id) },
          stage: { type: 'string', enum: [...STAGE_WORDS] },
        },
        additionalProperties: false,
      },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: menuItemSchema } }, required: ['items'] }, ...problemResponses },
    },
  }, async (request) => ({ items: await listItems(app.db, request.query) }));

  const load = async (id: number) => {
    const item = await getItem(app.db, id);
    if (!item) throw new HttpProblem(404, `No menu item with id ${id}.`, { parameter: 'id', in: 'params' });
    return item;
  };

  app.get<{ Params: { id: number } }>('/api/menu/:id', {
    schema: { tags: ['menu'], summary: 'One menu item (public)', params: idParams, response: { 200: menuItemSchema, ...problemResponses } },
  }, async (request) => load(request.params.id));

  app.post<{ Body: MenuItemInput }>('/api/menu', {
    schema: {
      tags: ['menu'], summary: 'Add a menu item (admins); the matches and the unmet need follow in the background',
      security: [{ bearer: [] }], body: menuItemBody, response: { 201: menuItemSchema, ...problemResponses, 409: problemSchema },
    },
  }, async (request, reply) => {
    const user = requireRole(request, ['admin']);
    const item = (await saveItem(app.db, request.body))!;
    await auditWrite(app.db, user, 'menu.create', { id: item.id, code: item.code }, 1, false);
    app.imports.refreshMenuSoon();
    reply.code(201).header('location', `/api/menu/${item.id}`);
    return item;
  });

  app.put<{ Params: { id: number }; Body: MenuItemInput }>('/api/menu/:id', {
    schema: {
      tags: ['menu'], summary: 'Replace a menu item (admins)', security: [{ bearer: [] }],
      params: idParams, body: menuItemBody, response: { 200: menuItemSchema, ...problemResponses, 409: problemSchema },
    },
  }, async (request) => {
    const user = requireRole(request, ['admin']);
    await load(request.params.id);
    const item = (await saveItem(app.db, request.body, request.params.id))!;
    await auditWrite(app.db, user, 'menu.update', { id: item.id, code: item.code }, 1, false);
    app.imports.refreshMenuSoon();
    return item;
  });

  app.delete<{ Params: { id: number } }>('/api/menu/:id', {
    schema: {
      tags: ['menu'], summary: 'Delete a menu item (admins); its hand-off rows go with it, logbook entries stay', security: [{ bearer: [] }],
      params: idParams, response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    const user = requireRole(request, ['admin']);
    const item = await load(request.params.id);
    await app.db('menu_item').where({ id: item.id }).delete();
    await auditWrite(app.db, user, 'menu.delete', { id: item.id, code: item.code }, 1, false);
    app.imports.refreshMenuSoon();
    return reply.code(204).send();
  });

  app.get<{ Params: { year: number; house_code: string } }>('/api/households/:year/:house_code/matches', {
    schema: {
      tags: ['menu'], summary: 'The menu items matched to a household, with its rank in each item\'s queue (analysts inside their grant, admins; audited)',
      security: [{ bearer: [] }],
      params: {
        type: 'object',
        properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, house_code: { type: 'string', pattern: '^[0-9]{12}$' } },
        required: ['year', 'house_code'],
      },
      response: {
        200: {
          type: 'object',
          properties: {
            survey_year: { type: 'integer' }, house_code: { type: 'string' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  person_no: { type: 'integer', description: 'The member of the household the item matches (1 = the head).' },
                  priority: { type: 'integer', description: "The person's place in the item's queue (neediest household first)." },
                  allocated: { type: 'boolean', description: "Whether the item's capacity per year reaches it." },
                  item: matchedItem,
                },
              },
            },
          },
          required: ['survey_year', 'house_code', 'items'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const user = requireRole(request, ['analyst', 'admin']);
    const { year, house_code } = request.params;
    const h = await app.db('household').where({ survey_year: year, house_code })
      .first('village_code as code', 'province_code', 'district_code', 'subdistrict_code');
    if (!h) throw new HttpProblem(404, `No household ${house_code} in survey year ${year}.`, { parameter: 'house_code', in: 'params' });
    if (!grantCovers(user, h)) throw new HttpProblem(403, `Your grant does not cover village ${h.code}.`);
    const { rows } = await app.db.raw(sqlText('menu/household_matches.sql'), { year, house_code });
    await auditRead(app.db, user, 'matches.list', { survey_year: year, house_code }, rows.length);
    return {
      survey_year: year, house_code,
      items: rows.map((r: Record<string, unknown>) => ({
        person_no: r.person_no, priority: r.priority, allocated: r.allocated,
        item: { id: r.id, code: r.code, agency: r.agency, title_th: r.title_th, title_en: r.title_en, dimension: r.dimension, stage: r.stage, capacity_per_year: r.capacity_per_year },
      })),
    };
  });

  app.get<{ Params: { code: string }; Querystring: { year?: number } }>('/api/areas/:code/menu-needs', {
    schema: {
      tags: ['menu'],
      summary: "An area's target households against the menu: matched, served, unmet, and per item its needs in the area, what its capacity reaches there and its capacity (analysts inside their grant, admins)",
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
      querystring: { type: 'object', properties: { year: yearSchema }, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: {
            code: { type: 'string' }, level: { type: 'string' }, year: { type: 'integer' },
            target_households: { type: 'integer' }, matched_households: { type: 'integer' },
            served_households: { type: 'integer' }, unmet_households: { type: 'integer' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  ...matchedItem.properties,
                  needs: { type: 'integer', description: "The area's people (members of target households) the item matches." },
                  allocated: { type: 'integer', description: 'Of those, the ones its capacity per year (people) reaches (its queue is national: neediest first over its coverage).' },
                  needs_households: { type: 'integer', description: 'The households of the people it matches.' },
                  allocated_households: { type: 'integer', description: 'The households of the people its capacity reaches.' },
                },
                required: [...matchedItem.required, 'needs', 'allocated', 'needs_households', 'allocated_households'],
              },
            },
          },
          required: ['code', 'level', 'year', 'target_households', 'matched_households', 'served_households', 'unmet_households', 'items'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    requireRole(request, ['analyst', 'admin']);
    const [year, area] = await Promise.all([surveyYearOr404(app.db, request.query.year), areaOr404(app.db, request.params.code)]);
    if (!seesSmallCells(request, area)) throw new HttpProblem(403, `Your grant does not cover area ${area.code}; the public figure is the unmet need on the map (menu_unmet_share).`);
    const totals = await app.db('area_menu_need').where({ code: area.code, survey_year: year })
      .first('target_households', 'matched_households', 'served_households', 'unmet_households');
    const { rows } = await app.db.raw(sqlText('menu/area_needs.sql'), { year, level: area.level, code: area.code });
    return {
      code: area.code, level: area.level, year,
      ...(totals ?? { target_households: 0, matched_households: 0, served_households: 0, unmet_households: 0 }),
      items: rows,
    };
  });
}
