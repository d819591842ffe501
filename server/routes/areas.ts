/** Areas and drill-down: the country, any area by code, and its children, with the MPI summary. */
import type { FastifyInstance } from 'fastify';
import { areaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { childAreas } from '../areas/repository.js';
import { childCrumbs, summarize, summarizeOne } from '../areas/summary.js';
import { summaryParts } from '../areas/summary-rows.js';
import { identification, type Mode } from '../mpi/identification.js';
import { areaSummarySchema } from '../schemas/areas.js';
import { areaCodeSchema, identificationQuery, problemResponses, yearSchema } from '../schemas/common.js';

interface AreaRequest {
  Params: { code: string };
  Querystring: { year?: number; mode: Mode; k: number };
}

const schemaBase = {
  tags: ['areas'],
  params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
  querystring: { type: 'object', properties: { year: yearSchema, ...identificationQuery }, additionalProperties: false },
} as const;

export async function areaRoutes(app: FastifyInstance) {
  app.get<AreaRequest>('/api/areas/:code', {
    schema: {
      ...schemaBase,
      summary: 'MPI summary of an area (TH = the country) with its breadcrumb',
      response: { 200: areaSummarySchema, ...problemResponses },
    },
  }, async (request) => {
    const id = identification(request.query.mode, request.query.k);
    // the year is almost always known already (surveyYears keeps it a few seconds); the figures are
    // read alongside the area's lookup, not after it (a code with no area: a 404, the read wasted)
    const year = await surveyYearOr404(app.db, request.query.year);
    const parts = summaryParts(app.db, [request.params.code], year, id);
    parts.catch(() => undefined); // awaited below unless the lookup fails first
    return summarizeOne(app.db, request, await areaOr404(app.db, request.params.code), year, id, parts);
  });

  app.get<AreaRequest>('/api/areas/:code/children', {
    schema: {
      ...schemaBase,
      summary: 'MPI summary of an area and of each of its children (drill-down)',
      response: {
        200: { type: 'object', properties: { parent: areaSummarySchema, children: { type: 'array', items: areaSummarySchema } }, required: ['parent', 'children'] },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const id = identification(request.query.mode, request.query.k);
    const [year, area] = await Promise.all([surveyYearOr404(app.db, request.query.year), areaOr404(app.db, request.params.code)]);
    const [parent, children] = await Promise.all([summarizeOne(app.db, request, area, year, id), childAreas(app.db, area.code)]);
    return { parent, children: await summarize(app.db, request, children, childCrumbs(parent), year, id) };
  });
}
