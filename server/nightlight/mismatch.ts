/**
 * The light-vs-poverty model (sql/functions/refresh_light_mismatch.sql): the fit of one level and year, and the areas it
 * flags. Read from light_poverty_fit / light_poverty_residual, which the refresh keeps current.
 */
import type { Db } from '../db/knex.js';
import type { AdminLevel } from '../../tiles/levels.js';
import { parentColumn, underParent } from '../areas/parent.js';
import { sqlText } from '../../sql/load.js';

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
  const column = q.parent ? await parentColumn(db, q.parent, q.level) : undefined;
  const { rows } = await db.raw(sqlText('nightlight/mismatch_areas.sql'), {
    level: q.level, year: q.year, classes: [...q.classes], limit: q.limit, ...underParent(q.parent || undefined, column),
  });
  const items = (rows as Array<MismatchRow & { total: number }>).map(({ total: _, ...row }) => row);
  return { total: rows.length ? rows[0].total : 0, items };
}

/** One area's place in its level's model for a year, or null when it is not in the fit. */
export async function areaMismatch(db: Db, code: string, year: number) {
  const row = await db('light_poverty_residual').where({ code, survey_year: year }).first('fitted', 'residual', 'z', 'class');
  return row ?? null;
}
