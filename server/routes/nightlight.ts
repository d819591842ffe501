/**
 * GET /api/areas/{code}/nightlight?year= — night-light zonal statistics of an area for one composite
 * year, with every loaded year as a trend and the change since the previous year.
 * GET /tiles/nightlight/{year}/{z}/{x}/{y}.png — the composite as coloured PNG tiles (see tiles).
 */
import type { FastifyInstance } from 'fastify';
import { areaOr404, yearOr404 } from '../areas/lookup.js';
import { areaMismatch } from '../nightlight/mismatch.js';
import { areaNightlight, NIGHTLIGHT_DATA, nightlightYears } from '../nightlight/stats.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, problemResponses } from '../schemas/common.js';
import { areaNightlightSchema } from '../schemas/nightlight.js';

const schema = {
  summary: 'Night-light zonal statistics of an area (TH = the country), with the trend across composite years',
  description: 'A pixel counts for the area containing its centre; coarser levels are sums of finer ones ' +
    '(sql/functions/nightlight_stats.sql). Lit = radiance > 0.5 nW/cm²/sr.',
  tags: ['context'],
  params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
  querystring: {
    type: 'object', additionalProperties: false,
    properties: { year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Composite year (default: the latest loaded).' } },
  },
  response: { 200: areaNightlightSchema, ...problemResponses },
} as const;

export async function nightlightRoutes(app: FastifyInstance) {
  app.get<{ Params: { code: string }; Querystring: { year?: number } }>('/api/areas/:code/nightlight', { schema }, async (request) => {
    const year = yearOr404(await nightlightYears(app.db), request.query.year, NIGHTLIGHT_DATA);
    const area = await areaOr404(app.db, request.params.code);
    const trend = await areaNightlight(app.db, area.code);
    const current = trend.find((t) => t.year === year);
    if (!current) throw new HttpProblem(404, `No night-light statistics for ${area.code} in ${year}.`);
    const previous = trend.filter((t) => t.year < year).at(-1);
    const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    return {
      code: area.code, level: area.level, name_th: area.name_th, name_en: area.name_en, ...current,
      change: previous ? {
        from: previous.year,
        radiance_mean: diff(current.radiance_mean, previous.radiance_mean),
        radiance_mean_relative: previous.radiance_mean ? (current.radiance_mean ?? 0) / previous.radiance_mean - 1 : null,
        lit_share: diff(current.lit_share, previous.lit_share),
      } : null,
      trend,
      mismatch: await areaMismatch(app.db, area.code, year),
    };
  });
}
