/**
 * One area's precomputed hotspot classes and change since the previous survey year: what the map's
 * hotspot views colour it by, for the area panel (the panel cannot rely on the map's loaded tiles,
 * which hold the level of the zoom, not necessarily the selected area's).
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { noSuchArea } from '../areas/lookup.js';
import { HttpProblem } from '../plugins/problem.js';

export interface AreaHotspot {
  code: string;
  level: string;
  year: number;
  previous_year: number | null;
  /** True for fewer than 5 households (design §8): nothing else is given. */
  suppressed: boolean;
  value: number | null;
  gi_z: number | null;
  gi_class: string | null;
  moran_class: string | null;
  change_target_share: number | null;
  crossed: 'up' | 'down' | null;
}

export async function areaHotspot(db: Knex, code: string, year: number): Promise<AreaHotspot> {
  const { rows } = await db.raw(sqlText('api/area_hotspot.sql'), { code, year });
  if (!rows.length) throw noSuchArea(code);
  const r = rows[0] as { code: string; level: string; has_data: boolean; metrics: Record<string, unknown> | null; previous_year: number | null };
  if (!r.has_data) throw new HttpProblem(404, `area ${code} has no data in survey year ${year}`, { parameter: 'year' });
  const m = r.metrics ?? {};
  const num = (k: string) => (typeof m[k] === 'number' ? (m[k] as number) : null);
  const str = (k: string) => (typeof m[k] === 'string' ? (m[k] as string) : null);
  return {
    code: r.code, level: r.level, year, previous_year: r.previous_year, suppressed: r.metrics === null,
    value: num('target_share'), gi_z: num('gi_z'), gi_class: str('gi_class'), moran_class: str('moran_class'),
    change_target_share: num('change_target_share'), crossed: str('crossed') as AreaHotspot['crossed'],
  };
}
