/**
 * Change of a measure between two survey years, per area of a level: absolute and relative change,
 * and whether the area crossed a threshold (by default the national value in the first year).
 * The statement is sql/hotspots/changes.sql.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { ANCESTOR_COLUMN, levelOfCode, type AdminLevel } from '../../tiles/levels.js';
import { underParent } from '../areas/parent.js';
import { surveyYearOr404 } from '../areas/lookup.js';
import { HttpProblem } from '../plugins/problem.js';
import { MIN_HOUSEHOLDS } from './analysis.js';
import { measureBinding } from './measures.js';

export interface ChangeQuery {
  level: AdminLevel;
  measure: string;
  from: number;
  to: number;
  parent?: string;
  threshold?: number;
}

export interface ChangeItem {
  code: string;
  name_th: string;
  name_en: string | null;
  from_value: number;
  to_value: number;
  change: number;
  relative_change: number | null;
  crossed: 'up' | 'down' | null;
}

interface ChangeRow { code: string | null; name_th: string; name_en: string | null; from_value: number; to_value: number; threshold: number }

export async function measureChanges(db: Knex, q: ChangeQuery) {
  const measure = measureBinding(q.measure);
  if (!measure) throw new HttpProblem(400, `unknown measure "${q.measure}"`, { parameter: 'measure' });
  await surveyYearOr404(db, q.from, 'from');
  await surveyYearOr404(db, q.to, 'to');
  if (q.from === q.to) throw new HttpProblem(400, 'from and to must be different survey years', { parameter: 'to' });
  const parentLevel = q.parent === undefined ? undefined : levelOfCode(q.parent);
  if (q.parent !== undefined && (!parentLevel || parentLevel === 'village')) {
    throw new HttpProblem(400, `parent "${q.parent}" is not a province, district or subdistrict code`, { parameter: 'parent' });
  }
  const column = parentLevel && parentLevel !== 'village' ? ANCESTOR_COLUMN[parentLevel] : undefined;
  const { rows } = await db.raw(sqlText('hotspots/changes.sql'), {
    from: q.from, to: q.to, level: q.level, min_households: MIN_HOUSEHOLDS, threshold: q.threshold ?? null,
    ...measure, ...underParent(q.parent, column),
  }) as { rows: ChangeRow[] };
  const threshold = rows[0].threshold;
  const items: ChangeItem[] = rows.filter((r) => r.code !== null).map(({ threshold: _, ...r }) => ({
    ...r,
    code: r.code as string,
    change: r.to_value - r.from_value,
    relative_change: r.from_value === 0 ? null : (r.to_value - r.from_value) / r.from_value,
    crossed: r.from_value < threshold && r.to_value >= threshold ? 'up' : r.from_value >= threshold && r.to_value < threshold ? 'down' : null,
  }));
  return { level: q.level, measure: q.measure, from: q.from, to: q.to, parent: q.parent ?? null, threshold, items };
}
