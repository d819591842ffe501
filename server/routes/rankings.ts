/** Rankings: the top or bottom N areas of a level, inside any parent, by any measure. */
import type { FastifyInstance } from 'fastify';
import { measureCells, MIN_CELL } from '../disclosure/policy.js';
import { isPoorCell } from '../disclosure/cells.js';
import { ROLLUP_THRESHOLD60 } from '../disclosure/decide.js';
import { poorDecisionsAt } from '../disclosure/poor-at-threshold.js';
import { parentAreaOr404, surveyYearOr404 } from '../areas/lookup.js';
import { sqlText } from '../../sql/load.js';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';
import { identification, type Mode } from '../mpi/identification.js';
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { GROUP_MEASURES } from '../people/groups.js';
import { FINANCE_MEASURES } from '../disclosure/finance-figures.js';
import { isRegistryGroup, REGISTRY_GROUPS } from '../people/registry-groups.js';
import { seesSmallCells } from '../areas/summary.js';
import { HttpProblem } from '../plugins/problem.js';
import { areaCodeSchema, identificationQuery, nullableNumber, problemResponses, yearSchema } from '../schemas/common.js';

interface RankingRequest {
  Querystring: { level: AdminLevel; parent: string; by: string; order: 'desc' | 'asc'; limit: number; year?: number; mode: Mode; k: number };
}

const BY_PATTERN = `^(target_share|vulnerable_share|h|a|m0|indicator:[a-z0-9_]+|dimension:[a-z]+|group:[a-z0-9_]+|${FINANCE_MEASURES.join('|')})$`;

interface By { measure: string; slot: number; group: string | null; group_of: string | null }

/** The measure and its slot in the rollup arrays (or its group of people); throws a 400 naming `by` for an unknown id. */
function parseBy(by: string): By {
  const [kind, id] = by.split(':');
  // groups 3.2 and 4 from the registry linkage rank by their count of people (they have no share)
  if (kind === 'group' && isRegistryGroup(id)) return { measure: 'registry', slot: 1, group: id, group_of: null };
  if (kind === 'group') {
    const group = GROUP_MEASURES.find((g) => g.id === id);
    if (!group) throw new HttpProblem(400, `query parameter "by" names an unknown group "${id}" (have ${[...GROUP_MEASURES, ...REGISTRY_GROUPS].map((g) => g.id).join(', ')})`, { parameter: 'by', in: 'querystring' });
    return { measure: 'group', slot: 1, group: group.id, group_of: group.of };
  }
  return { ...parseSlot(kind, id), group: null, group_of: null };
}

function parseSlot(kind: string, id: string | undefined): { measure: string; slot: number } {
  if (kind === 'indicator') {
    const ind = INDICATORS.find((i) => i.id === id);
    if (!ind) throw new HttpProblem(400, `query parameter "by" names an unknown indicator "${id}" (have ${INDICATORS.map((i) => i.id).join(', ')})`, { parameter: 'by', in: 'querystring' });
    return { measure: 'indicator', slot: ind.number };
  }
  if (kind === 'dimension') {
    const dim = DIMENSIONS.find((d) => d.id === id);
    if (!dim) throw new HttpProblem(400, `query parameter "by" names an unknown dimension "${id}" (have ${DIMENSIONS.map((d) => d.id).join(', ')})`, { parameter: 'by', in: 'querystring' });
    return { measure: 'dimension', slot: dim.number };
  }
  return { measure: kind, slot: 1 };
}

export async function rankingRoutes(app: FastifyInstance) {
  app.get<RankingRequest>('/api/rankings', {
    schema: {
      tags: ['areas'],
      summary: 'Top or bottom N areas of a level inside a parent, by a measure',
      description: 'by: target_share (households failing any indicator / households), vulnerable_share, h, a, m0 (for the chosen mode and k), '
        + 'indicator:<id> (share of households deprived in the indicator), dimension:<id> (share failing the dimension), '
        + `group:<id> (a group of people's share of the group it is of: ${GROUP_MEASURES.map((g) => g.id).join(', ')}; e.g. the five provinces with the highest NEET share: level=province&by=group:neet&limit=5). `
        + 'debt_share, informal_debt_share, no_finance_share (households with debt, with informal debt, without access to finance / households the survey asked), '
        + 'debt_households, informal_debt_households, no_finance_households (the counts; e.g. the ten provinces with the most households lacking access to finance: level=province&by=no_finance_households&limit=10). '
        + `group:<id> (a group of people's share of the group it is of: ${GROUP_MEASURES.map((g) => g.id).join(', ')}; e.g. the five provinces with the highest NEET share: level=province&by=group:neet&limit=5), `
        + `or the people of a target group from the registry linkage (${REGISTRY_GROUPS.map((g) => g.id).join(', ')}: a count, not a share). `
        + 'Ties share a rank. Areas with fewer than 5 households, and areas whose value the disclosure policy withholds (it rests on a count of 1-4 or a complementary cell), are left out unless the caller is an admin or an analyst whose grant covers the parent.',
      querystring: {
        type: 'object',
        properties: {
          level: { type: 'string', enum: [...ADMIN_LEVELS], default: 'province' },
          parent: { ...areaCodeSchema, default: 'TH' },
          by: { type: 'string', pattern: BY_PATTERN, default: 'target_share' },
          order: { type: 'string', enum: ['desc', 'asc'], default: 'desc' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
          year: yearSchema,
          ...identificationQuery,
        },
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: {
            by: { type: 'string' }, level: { type: 'string' }, parent: { type: 'string' }, year: { type: 'integer' },
            mode: { type: 'string' }, k: nullableNumber,
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: { rank: { type: 'integer' }, code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] }, value: { type: 'number' }, households: { type: 'integer' } },
                required: ['rank', 'code', 'name_th', 'name_en', 'value', 'households'],
              },
            },
          },
          required: ['by', 'level', 'parent', 'items'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const q = request.query;
    const { measure, slot, group, group_of: groupOf } = parseBy(q.by);
    const parent = await parentAreaOr404(app.db, q.parent, q.level);
    const year = await surveyYearOr404(app.db, q.year);
    const id = identification(q.mode, q.k);
    const all = seesSmallCells(request, parent);
    // the poor cells of the policy are the rollup's (k = 1/3); at another k the poor are counted here
    const inputs = measureCells(q.by);
    const rollupPoor = id.threshold60 === ROLLUP_THRESHOLD60;
    const cells = rollupPoor ? inputs : inputs.filter((c) => !isPoorCell(c));
    // at another k the policy decides about the poor at that k (over every area, as it does at 1/3)
    const poorCells = inputs.filter(isPoorCell);
    const excluded = all || rollupPoor || !poorCells.length ? [] : [...(await poorDecisionsAt(app.db, year, id.threshold60))]
      .filter(([, withheld]) => poorCells.some((c) => c in withheld)).map(([code]) => code);
    const { rows } = await app.db.raw(sqlText('api/rankings.sql'), {
      year, level: q.level, parent: parent.code, measure, slot, group, group_of: groupOf, threshold: id.threshold60,
      sign: q.order === 'desc' ? -1 : 1, limit: q.limit, min_households: all ? 1 : MIN_CELL,
      public: !all, inputs: cells.join(','), excluded: excluded.join(','),
    });
    return { by: q.by, level: q.level, parent: parent.code, year, mode: id.mode, k: id.k, items: rows };
  });
}
