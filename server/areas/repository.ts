/**
 * Reading areas and their rollups. The country is the pseudo-area 'TH' (level 'country'); it has no
 * admin_area row, its children are the provinces and its box is the national outline's.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { COUNTRY_CODE, type AreaLevel } from '../../tiles/levels.js';

export const AREA_CODE_PATTERN = '^(TH|[0-9]{2}([0-9]{2}){0,3})$';

export interface Area {
  code: string;
  level: AreaLevel;
  parent_code: string | null;
  province_code: string | null;
  district_code: string | null;
  subdistrict_code: string | null;
  name_th: string;
  name_en: string | null;
  bbox: number[] | null;
}

export interface Crumb {
  code: string;
  level: AreaLevel;
  name_th: string;
  name_en: string | null;
}

const COUNTRY: Omit<Area, 'bbox'> = {
  code: COUNTRY_CODE, level: 'country', parent_code: null, province_code: null, district_code: null,
  subdistrict_code: null, name_th: 'ประเทศไทย', name_en: 'Thailand',
};

async function country(db: Knex): Promise<Area> {
  const { rows } = await db.raw(sqlText('api/country_bbox.sql'));
  return { ...COUNTRY, bbox: rows[0]?.bbox ?? null };
}

const asArea = (row: Area): Area => ({ ...row, parent_code: row.parent_code ?? COUNTRY_CODE });

/** An area with its breadcrumb (ancestors from the country down, excluding the area itself). */
export async function findArea(db: Knex, code: string): Promise<(Area & { crumbs: Crumb[] }) | undefined> {
  if (code === COUNTRY_CODE) return { ...(await country(db)), crumbs: [] };
  const { rows } = await db.raw(sqlText('api/area_with_ancestors.sql'), { code });
  const self = rows.find((r: Area) => r.code === code);
  if (!self) return undefined;
  const crumbs: Crumb[] = [{ code: COUNTRY.code, level: COUNTRY.level, name_th: COUNTRY.name_th, name_en: COUNTRY.name_en }];
  for (const r of rows as Area[]) if (r.code !== code) crumbs.push({ code: r.code, level: r.level, name_th: r.name_th, name_en: r.name_en });
  return { ...asArea(self), crumbs };
}

export async function childAreas(db: Knex, code: string): Promise<Area[]> {
  const { rows } = await db.raw(sqlText('api/area_children.sql'), { parent: code });
  return rows.map(asArea);
}

// Survey years change only when data is regenerated or imported; a few seconds of staleness saves
// a round-trip on every request. `fresh` skips the cache (a year just imported must not be a 404).
const YEARS_TTL_MS = 5000;
const yearsCache = new WeakMap<Knex, { at: number; years: Promise<number[]> }>();

export async function surveyYears(db: Knex, fresh = false): Promise<number[]> {
  const hit = yearsCache.get(db);
  if (hit && !fresh && Date.now() - hit.at < YEARS_TTL_MS) return hit.years;
  const years = db.raw(sqlText('api/survey_years.sql')).then(({ rows }) => rows.map((r: { survey_year: number }) => r.survey_year) as number[]);
  yearsCache.set(db, { at: Date.now(), years });
  years.catch(() => yearsCache.delete(db));
  return years;
}
