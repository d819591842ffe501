/**
 * GET /api/areas/{code}/speed-up?year= — "what to speed up" in an area (issue 24, item 3), computed
 * from what povmap holds:
 *   areas_behind     the area's children whose helped share (targets with a 'done' logbook entry /
 *                    target households) is more than MARGIN below the median of their siblings'
 *                    shares, largest shortfall first. Only published figures take part: every share
 *                    passes the disclosure policy (area_public cells, counts of 1-4) as for a public
 *                    caller, whoever asks, so the list is the same for everyone and reveals nothing;
 *                    the median is over the siblings with a published share.
 *   stalled_projects budgeted projects in the area not done, still at 0 % and begun before `year`,
 *                    largest budget first.
 *   targets_without_measure, measures_over_capacity
 *                    the solution menu's checks (server/menu/speed-up-checks.ts), largest gap first,
 *                    again from published counts only. A check left out of SPEED_UP_MENU_CHECKS
 *                    answers null ("not computed"), never an empty list that would read as "nothing to do".
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { areaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { Disclosure, type Withheld } from '../disclosure/policy.js';
import { measuresOverCapacity, targetsWithoutMeasure, type MenuCheckItem } from '../menu/speed-up-checks.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, problemResponses, yearSchema } from '../schemas/common.js';
import { projectSchema } from './area-context.js';

/** How far below the siblings' median helped share an area must be to be listed (share points). */
export const MARGIN = 0.05;

/**
 * The solution menu's checks (issue 21): each answers for an area and survey year. Keys are the
 * response fields they fill.
 */
export const SPEED_UP_MENU_CHECKS: Partial<Record<'targets_without_measure' | 'measures_over_capacity',
  (db: Knex, code: string, year: number) => Promise<MenuCheckItem[]>>> = {
  targets_without_measure: targetsWithoutMeasure,
  measures_over_capacity: measuresOverCapacity,
};

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const menuCheck = {
  type: ['array', 'null'],
  description: 'From the solution menu and published counts only, largest gap first; null when not computed.',
  items: {
    type: 'object',
    properties: {
      code: { type: 'string', description: 'The indicator id (targets_without_measure) or menu item code (measures_over_capacity).' },
      label: { type: 'string', description: 'Its English name or title.' },
      gap: { type: 'number', description: 'Households failing the indicator with no measure for it; or the households the item addresses at the least beyond its capacity per year.' },
    },
    required: ['code', 'label', 'gap'],
  },
} as const;

const schema = {
  summary: 'What to speed up in an area: children whose helped share trails their siblings, projects without progress, targets with no matching measure, measures over capacity',
  description: `An area is behind when its published helped share is more than ${MARGIN} below the median published share of its siblings.`,
  tags: ['assistance'],
  params: { type: 'object', properties: { code: areaCodeSchema }, required: ['code'] },
  querystring: {
    type: 'object', additionalProperties: false,
    properties: { year: yearSchema, limit: { type: 'integer', minimum: 1, maximum: 200, default: 20, description: 'Most projects listed.' } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        code: { type: 'string' }, level: { type: 'string' }, year: { type: 'integer' }, margin: { type: 'number' },
        siblings_compared: { type: 'integer', description: 'Children with a published helped share.' },
        median_helped_share: { type: ['number', 'null'] },
        areas_behind: {
          type: 'array',
          items: {
            type: 'object',
            properties: { code: { type: 'string' }, level: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] },
              target_households: { type: 'integer' }, helped_households: { type: 'integer' }, helped_share: { type: 'number' }, shortfall: { type: 'number' } },
            required: ['code', 'level', 'name_th', 'name_en', 'target_households', 'helped_households', 'helped_share', 'shortfall'],
          },
        },
        stalled_projects: { type: 'array', items: projectSchema },
        targets_without_measure: menuCheck,
        measures_over_capacity: menuCheck,
      },
      required: ['code', 'level', 'year', 'margin', 'siblings_compared', 'median_helped_share', 'areas_behind', 'stalled_projects',
        'targets_without_measure', 'measures_over_capacity'],
    },
    ...problemResponses,
  },
} as const;

interface ChildRow { code: string; level: string; name_th: string; name_en: string | null; target_households: number; helped_households: number; suppressed: boolean; cells: Withheld }

export async function speedUpRoutes(app: FastifyInstance) {
  app.get<{ Params: { code: string }; Querystring: { year?: number; limit: number } }>('/api/areas/:code/speed-up', { schema }, async (request) => {
    const [year, area] = await Promise.all([surveyYearOr404(app.db, request.query.year), areaOr404(app.db, request.params.code)]);
    if (area.level === 'village') {
      throw new HttpProblem(400, `path parameter "code": ${area.code} is a village, which has no areas inside it to compare`, { parameter: 'code', in: 'params' });
    }
    const [children, stalled] = await Promise.all([
      app.db.raw(sqlText('api/speed_up_areas.sql'), { parent: area.code, year }).then((r) => r.rows as ChildRow[]),
      app.db.raw(sqlText('api/speed_up_projects.sql'), { code: area.code, year, limit: request.query.limit }).then((r) => r.rows),
    ]);
    // the public figures of each child (server/disclosure/policy.ts), whoever asks
    const published = children.flatMap((c) => {
      if (c.suppressed) return [];
      const d = new Disclosure(true, c.cells);
      const target = d.count('target_households', c.target_households);
      const helped = d.count('helped_households', c.helped_households);
      const share = target ? d.follows('helped_share', helped! / target, helped, target) : null;
      return share === null ? [] : [{ ...c, target_households: target!, helped_households: helped!, helped_share: share }];
    });
    const mid = published.length ? median(published.map((c) => c.helped_share)) : null;
    const behind = mid === null ? [] : published
      .filter((c) => c.helped_share < mid - MARGIN)
      .map(({ code, level, name_th, name_en, target_households, helped_households, helped_share }) =>
        ({ code, level, name_th, name_en, target_households, helped_households, helped_share, shortfall: mid - helped_share }))
      .sort((a, b) => b.shortfall - a.shortfall || a.code.localeCompare(b.code));
    const menu = async (key: keyof typeof SPEED_UP_MENU_CHECKS) => {
      const check = SPEED_UP_MENU_CHECKS[key];
      return check ? (await check(app.db, area.code, year)).sort((a, b) => b.gap - a.gap) : null;
    };
    return {
      code: area.code, level: area.level, year, margin: MARGIN, siblings_compared: published.length, median_helped_share: mid,
      areas_behind: behind, stalled_projects: stalled,
      targets_without_measure: await menu('targets_without_measure'), measures_over_capacity: await menu('measures_over_capacity'),
    };
  });
}
