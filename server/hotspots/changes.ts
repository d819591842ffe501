/**
 * Change of a measure between two survey years, per area of a level: absolute and relative change,
 * and whether the area crossed a threshold (by default the national value in the first year).
 */
import type { Knex } from 'knex';
import { HttpProblem } from '../plugins/problem.js';
import type { Level } from './analysis.js';
import { MIN_HOUSEHOLDS } from './analysis.js';
import { measureSql } from './measures.js';

export interface ChangeQuery {
  level: Level;
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

export async function measureChanges(db: Knex, q: ChangeQuery) {
  const expr = measureSql(q.measure);
  if (!expr) throw new HttpProblem(400, `unknown measure "${q.measure}"`, { parameter: 'measure' });
  const years = (await db('area_stats').distinct('survey_year').orderBy('survey_year')).map((r) => r.survey_year as number);
  for (const [name, year] of [['from', q.from], ['to', q.to]] as const) {
    if (!years.includes(year)) throw new HttpProblem(400, `no survey year ${year}; available: ${years.join(', ')}`, { parameter: name });
  }
  if (q.from === q.to) throw new HttpProblem(400, 'from and to must be different survey years', { parameter: 'to' });
  const bindings: Array<string | number> = [q.from, q.to, q.level, MIN_HOUSEHOLDS, MIN_HOUSEHOLDS];
  let parentFilter = '';
  if (q.parent !== undefined) {
    const column = { 2: 'province_code', 4: 'district_code', 6: 'subdistrict_code' }[q.parent.length];
    if (!/^\d+$/.test(q.parent) || !column) {
      throw new HttpProblem(400, `parent "${q.parent}" is not a province, district or subdistrict code`, { parameter: 'parent' });
    }
    parentFilter = `and a.${column} = ?`;
    bindings.push(q.parent);
  }
  const threshold = q.threshold ?? (await db.raw(
    `select (${expr})::float8 as v from area_stats s where s.code = 'TH' and s.survey_year = ?`, [q.from])).rows[0].v as number;
  const { rows } = await db.raw(
    `select a.code, a.name_th, a.name_en,
            (${measureSql(q.measure, 'f')})::float8 as from_value, (${measureSql(q.measure, 't')})::float8 as to_value
     from admin_area a
     join area_stats f on f.code = a.code and f.survey_year = ?
     join area_stats t on t.code = a.code and t.survey_year = ?
     where a.level = ? and f.households >= ? and t.households >= ? ${parentFilter}
     order by a.code`, bindings);
  const items: ChangeItem[] = rows.map((r: { code: string; name_th: string; name_en: string | null; from_value: number; to_value: number }) => ({
    ...r,
    change: r.to_value - r.from_value,
    relative_change: r.from_value === 0 ? null : (r.to_value - r.from_value) / r.from_value,
    crossed: r.from_value < threshold && r.to_value >= threshold ? 'up' : r.from_value >= threshold && r.to_value < threshold ? 'down' : null,
  }));
  return { level: q.level, measure: q.measure, from: q.from, to: q.to, parent: q.parent ?? null, threshold, items };
}
