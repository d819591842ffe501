/**
 * GET /api/light-mismatch?level=&year= — where night lights and the survey disagree: the fit of
 * target share on ln(1 + radiance) across the areas of one level (sql/functions/refresh_light_mismatch.sql) and the areas
 * that sit far from it, most extreme first.
 */
import type { FastifyInstance } from 'fastify';
import { measureCells, withheldAreas } from '../disclosure/policy.js';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';
import { yearOr404 } from '../areas/lookup.js';
import { MISMATCH_CLASSES, MODEL, mismatchAreas, mismatchFit, type MismatchClass } from '../nightlight/mismatch.js';
import { nullableNumber, problemResponses } from '../schemas/common.js';

const CLASS_CHOICES = ['flagged', 'all', ...MISMATCH_CLASSES] as const;
type ClassChoice = (typeof CLASS_CHOICES)[number];
const CLASSES_OF: Record<ClassChoice, readonly MismatchClass[]> = {
  flagged: ['poorer-than-light', 'less-poor-than-light'],
  all: MISMATCH_CLASSES,
  'poorer-than-light': ['poorer-than-light'],
  'less-poor-than-light': ['less-poor-than-light'],
  'as-expected': ['as-expected'],
};

const schema = {
  summary: 'Light-vs-poverty mismatch: areas poorer or less poor than their night lights predict',
  description: `Model: ${MODEL}. poorer-than-light ("bright but poor"): z ≥ 2; less-poor-than-light ("dark but not poor", ` +
    'a possible exclusion error worth a re-survey): z ≤ −2. Night lights and survey of the same year.',
  tags: ['context'],
  querystring: {
    type: 'object', additionalProperties: false, required: ['level'],
    properties: {
      level: { type: 'string', enum: [...ADMIN_LEVELS] },
      year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Survey and composite year (default: the latest with both).' },
      class: { type: 'string', enum: [...CLASS_CHOICES], default: 'flagged' },
      parent: { type: 'string', maxLength: 8, description: 'Only areas inside this province, district or subdistrict (the fit stays national).' },
      limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        level: { type: 'string' }, year: { type: 'integer' }, model: { type: 'string' },
        fit: {
          type: 'object',
          properties: { areas: { type: 'integer' }, intercept: nullableNumber, slope: nullableNumber, r2: nullableNumber, residual_sd: nullableNumber },
        },
        total: { type: 'integer', description: 'areas of the chosen classes (items holds at most `limit`)' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
              radiance_mean: { type: 'number' }, target_share: { type: 'number' }, fitted: { type: 'number' },
              residual: { type: 'number' }, z: nullableNumber, class: { type: 'string' },
            },
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

interface Query { level: AdminLevel; year?: number; class: ClassChoice; parent?: string; limit: number }

export async function lightMismatchRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>('/api/light-mismatch', { schema }, async (request) => {
    const q = request.query;
    const years = (await app.db('light_poverty_fit').where({ level: q.level }).distinct('survey_year').orderBy('survey_year')
      .pluck('survey_year')).map(Number);
    const year = yearOr404(years, q.year, {
      name: 'survey with a night-light composite',
      none: 'No survey year has a night-light composite to compare with (npm run import:nightlight).',
    });
    const fit = await mismatchFit(app.db, q.level, year);
    const { total, items } = await mismatchAreas(app.db, { level: q.level, year, parent: q.parent, classes: CLASSES_OF[q.class], limit: q.limit });
    // disclosure policy: no area whose target share is withheld (its residual and z rest on it)
    const withheld = await withheldAreas(app.db, [year], measureCells('target_share'));
    return { level: q.level, year, model: MODEL, fit, total, items: items.filter((i: { code: string }) => !withheld.has(i.code)) };
  });
}
