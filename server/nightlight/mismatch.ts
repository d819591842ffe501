/**
 * The light-vs-poverty model (sql/migrations/041): the fit of one level and year, and the areas it
 * flags. Read from light_poverty_fit / light_poverty_residual, which the refresh keeps current.
 */
import type { Db } from '../db/knex.js';
import type { AdminLevel } from '../../tiles/levels.js';
import { parentColumn } from '../areas/parent.js';

export const MISMATCH_CLASSES = ['poorer-than-light', 'less-poor-than-light', 'as-expected'] as const;
export type MismatchClass = (typeof MISMATCH_CLASSES)[number];

export const MODEL = 'target_share = intercept + slope · ln(1 + radiance_mean), least squares over the areas of one level and ' +
  'year with ≥ 5 households and ≥ 1 night-light pixel; z = residual / residual standard error; |z| ≥ 2 is flagged';

export interface Fit {
  areas: number;
  intercept: number | null;
  slope: number | null;
  r2: number | null;
  residual_sd: number | null;
}

export interface MismatchRow {
  code: string;
  name_th: string;
  name_en: string | null;
  radiance_mean: number;
  target_share: number;
  fitted: number;
  residual: number;
  z: number | null;
  class: MismatchClass;
}

export async function mismatchFit(db: Db, level: AdminLevel, year: number): Promise<Fit | null> {
  const row = await db('light_poverty_fit').where({ level, survey_year: year })
    .first('areas', 'intercept', 'slope', 'r2', 'residual_sd');
  return row ?? null;
}

export async function mismatchAreas(db: Db, q: { level: AdminLevel; year: number; parent?: string; classes: readonly MismatchClass[]; limit: number }):
  Promise<{ total: number; items: MismatchRow[] }> {
  const base = db('light_poverty_residual as m')
    .join('admin_area as a', 'a.code', 'm.code')
    .join('nightlight_area_stats as l', (j) => j.on('l.code', 'm.code').andOn('l.year', 'm.survey_year'))
    .where({ 'a.level': q.level, 'm.survey_year': q.year })
    .whereIn('m.class', q.classes as MismatchClass[]);
  if (q.parent) base.where(`a.${await parentColumn(db, q.parent, q.level)}`, q.parent);
  const [{ n }] = await base.clone().count({ n: '*' });
  const items = await base.clone()
    .select('m.code', 'a.name_th', 'a.name_en', 'l.radiance_mean', 'm.target_share', 'm.fitted', 'm.residual', 'm.z', 'm.class')
    .orderByRaw('abs(m.z) desc nulls last, m.code')
    .limit(q.limit);
  return { total: Number(n), items };
}

/** One area's place in its level's model for a year, or null when it is not in the fit. */
export async function areaMismatch(db: Db, code: string, year: number) {
  const row = await db('light_poverty_residual').where({ code, survey_year: year }).first('fitted', 'residual', 'z', 'class');
  return row ?? null;
}
