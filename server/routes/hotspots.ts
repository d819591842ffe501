/**
 * GET /api/hotspots — Gi* and local Moran's I for a measure over one admin level.
 * GET /api/changes  — year-over-year change of a measure per area.
 * GET /api/hotspots/area/{code} — one area's precomputed hotspot classes and change (the tiles' values).
 * Answers are cached (LRU) under their parameters and the data version, so a refresh never serves
 * stale statistics; identical requests while one computes share it. The statistics run on a worker
 * thread (server/hotspots/workers.ts): when it is busy, a new computation is refused with 503.
 */
import type { FastifyInstance } from 'fastify';
import { ADMIN_LEVELS, type AdminLevel } from '../../tiles/levels.js';
import { surveyYearOr404 } from '../areas/lookup.js';
import { ComputedCache, dataVersion } from '../db/computed-cache.js';
import { hotspotsJson } from '../hotspots/answer-json.js';
import { analyseHotspots, DEFAULT_SEED, MAX_KNN, PERMUTATIONS, type HotspotQuery } from '../hotspots/analysis.js';
import { areaHotspot } from '../hotspots/area-hotspot.js';
import { measureChanges } from '../hotspots/changes.js';
import { MEASURES } from '../hotspots/measures.js';
import { withheldAreas } from '../disclosure/policy.js';
import { measureCells } from '../hotspots/measures.js';
import { areaHotspotSchema as areaHotspotResponse } from '../schemas/hotspots.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const areaName = { code: { type: 'string' }, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] } } as const;

const hotspotsSchema = {
  summary: 'Statistical hotspots (Getis-Ord Gi*) and clusters (local Moran\'s I) of a measure',
  description:
    'Gi* is the classical Getis-Ord z-score with binary weights including the area itself: ' +
    '(Σ_{j∈N_i∪{i}} x_j − k_i x̄) / (S √((n k_i − k_i²)/(n − 1))), k_i = |N_i| + 1, x̄ and S the mean and population standard deviation ' +
    '(row standardisation would not change it; it is not PySAL\'s row-standardised G_Local). Local Moran\'s I uses row-standardised weights; its pseudo p-values come from ' + PERMUTATIONS +
    ' conditional permutations with a fixed seed. Neighbours: queen contiguity (areas touching or less than 1 m apart) or k nearest neighbours. ' +
    'Classes use Benjamini-Hochberg FDR-adjusted p-values unless correction=none. Areas with fewer than 5 households are left out.',
  tags: ['hotspots'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['level'],
    properties: {
      level: { type: 'string', enum: [...ADMIN_LEVELS] },
      year: { type: 'integer', minimum: 2000, maximum: 2100 },
      measure: { type: 'string', enum: MEASURES, default: 'target_share' },
      weights: { type: 'string', enum: ['queen', 'knn'], default: 'queen' },
      k: { type: 'integer', minimum: 1, maximum: MAX_KNN, default: 8 },
      parent: { type: 'string', maxLength: 8 },
      correction: { type: 'string', enum: ['fdr', 'none'], default: 'fdr' },
      seed: { type: 'integer', minimum: 1, maximum: 2147483647, default: DEFAULT_SEED },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        level: { type: 'string' }, year: { type: 'integer' }, measure: { type: 'string' }, weights: { type: 'string' },
        k: { type: ['integer', 'null'] }, parent: { type: ['string', 'null'] }, correction: { type: 'string' },
        permutations: { type: 'integer' }, seed: { type: 'integer' }, n: { type: 'integer' },
        excluded_small: { type: 'integer', description: 'Areas left out of the analysis: fewer than 5 households, or a value the disclosure policy withholds.' }, islands: { type: 'array', items: { type: 'string' } },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ...areaName, value: { type: 'number' }, neighbours: { type: 'integer' },
              gi_z: { type: 'number' }, gi_p: { type: 'number' }, gi_p_fdr: { type: 'number' }, gi_class: { type: 'string' },
              moran_i: { type: 'number' }, moran_p: nullableNumber, moran_p_fdr: nullableNumber, moran_class: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

const changesSchema = {
  summary: 'Change of a measure between two survey years, per area',
  tags: ['hotspots'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['level', 'from', 'to'],
    properties: {
      level: { type: 'string', enum: [...ADMIN_LEVELS] },
      measure: { type: 'string', enum: MEASURES, default: 'target_share' },
      from: { type: 'integer', minimum: 2000, maximum: 2100 },
      to: { type: 'integer', minimum: 2000, maximum: 2100 },
      parent: { type: 'string', maxLength: 6 },
      threshold: { type: 'number', minimum: 0, maximum: 1 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        level: { type: 'string' }, measure: { type: 'string' }, from: { type: 'integer' }, to: { type: 'integer' },
        parent: { type: ['string', 'null'] }, threshold: { type: 'number' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ...areaName, from_value: { type: 'number' }, to_value: { type: 'number' }, change: { type: 'number' },
              relative_change: nullableNumber, crossed: { type: ['string', 'null'], enum: ['up', 'down', null] },
            },
          },
        },
      },
    },
  },
} as const;

const areaHotspotSchema = {
  summary: 'One area\'s hotspot classes and change since the previous survey year',
  description: 'The precomputed default view (target share, queen contiguity with 1 m snapping, binary Gi* weights including self, FDR 5 %) that the areas tiles ' +
    'carry: Gi* z-score and class, local Moran cluster, and the change of target share since the previous survey year with ' +
    'whether it crossed the previous year\'s national target share. Areas with fewer than 5 households are suppressed.',
  tags: ['hotspots'],
  params: {
    type: 'object',
    required: ['code'],
    properties: { code: { type: 'string', pattern: '^[0-9]{2}([0-9]{2}){0,3}$' } },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
  },
  response: { 200: areaHotspotResponse },
} as const;

/** Items of a per-area list without the areas whose measure the disclosure policy withholds in those years. */
async function withoutWithheld<T extends { code: string }>(db: FastifyInstance['db'], years: number[], measure: string, items: T[]): Promise<T[]> {
  const withheld = await withheldAreas(db, years, measureCells(measure));
  return items.filter((i) => !withheld.has(i.code));
}

export async function hotspotRoutes(app: FastifyInstance) {
  const cache = new ComputedCache<object>(200);
  const hotspotsCache = new ComputedCache<Buffer>(50);
  const versionOf = () => dataVersion(app.db, ['areas', 'households']);

  app.get('/api/hotspots', { schema: hotspotsSchema }, async (request, reply) => {
    const q = request.query as Omit<HotspotQuery, 'year'> & { year?: number };
    const query: HotspotQuery = { ...q, year: await surveyYearOr404(app.db, q.year) };
    const body = await hotspotsCache.get(`hotspots:${await versionOf()}:${JSON.stringify(query)}`, async () => {
      const result = await analyseHotspots(app.db, query);
      return hotspotsJson({
        level: query.level, year: query.year, measure: query.measure, weights: query.weights,
        k: query.weights === 'knn' ? query.k : null, parent: query.parent ?? null, correction: query.correction,
        permutations: result.permutations, seed: query.seed, n: result.n, excluded_small: result.excluded_small,
        islands: result.islands,
        // areas whose measure the disclosure policy withholds were left out of the analysis
      }, result.items);
    });
    // kept and sent as its JSON bytes: a village answer is ~18 MB, too big to serialise per request
    return reply.type('application/json; charset=utf-8').send(body);
  });

  // Not cached here: one indexed row; the client keeps it per area and year.
  app.get('/api/hotspots/area/:code', { schema: areaHotspotSchema }, async (request) => {
    const { code } = request.params as { code: string };
    const { year } = request.query as { year?: number };
    return areaHotspot(app.db, code, await surveyYearOr404(app.db, year));
  });

  app.get('/api/changes', { schema: changesSchema }, async (request) => {
    const q = request.query as { level: AdminLevel; measure: string; from: number; to: number; parent?: string; threshold?: number };
    return cache.get(`changes:${await versionOf()}:${JSON.stringify(q)}`, async () => {
      const changes = await measureChanges(app.db, q);
      // disclosure policy: a change is withheld when either year's value is
      return { ...changes, items: await withoutWithheld(app.db, [q.from, q.to], q.measure, changes.items) };
    });
  });
}
