/**
 * GET /api/meta: the definitions the map client takes at start-up instead of holding its own
 * copies — survey years, the 17 indicators (weights as fractions of 1), the 5 dimensions, the
 * admin levels with their zoom bands and the groups of people (tiles/levels.ts, the one definition the tiles use too).
 */
import type { FastifyInstance } from 'fastify';
import { CODE_DIGITS, LEVEL_ZOOMS } from '../../tiles/levels.js';
import { surveyYears } from '../areas/repository.js';
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { PERSON_GROUPS } from '../people/groups.js';
import { metaSchema } from '../schemas/meta.js';

/** Everything in the answer except the survey years, which come from the database. */
export function definitions() {
  return {
    indicators: INDICATORS.map((i) => ({ id: i.id, number: i.number, dimension: i.dimension, weight: i.weight60 / 60, name_en: i.name_en, name_th: i.name_th })),
    dimensions: DIMENSIONS.map((d) => ({
      id: d.id, number: d.number, name_en: d.name_en, name_th: d.name_th,
      weight: INDICATORS.filter((i) => i.dimension === d.id).reduce((sum, i) => sum + i.weight60, 0) / 60,
    })),
    levels: LEVEL_ZOOMS.map((l) => ({ level: l.level, minzoom: l.minzoom, maxzoom: l.maxzoom, code_digits: CODE_DIGITS[l.level] })),
    person_groups: PERSON_GROUPS.map((g) => ({ id: g.id, of: g.of, measure: g.measure, name_en: g.name_en, name_th: g.name_th })),
  };
}

export async function metaRoutes(app: FastifyInstance) {
  app.get('/api/meta', {
    schema: {
      tags: ['meta'],
      summary: 'Survey years, the 17 indicators (weights as fractions of 1), the 5 dimensions and the admin levels with their zoom bands',
      response: { 200: metaSchema },
    },
  }, async () => {
    const years = await surveyYears(app.db);
    return { years, default_year: years.length ? years[years.length - 1] : null, ...definitions() };
  });
}
