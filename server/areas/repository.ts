/**
 * Reading areas and their rollups. The country is the pseudo-area 'TH' (level 'country'); it has no
 * admin_area row, its children are the provinces and its box is the national outline's.
 */
import type { Db } from '../db/knex.js';
import { sqlFile } from '../db/sql-files.js';
import type { Identification } from '../mpi/identification.js';
import { EMPTY_STATS, mpiFigures, type AreaStatsRow, type MpiFigures, type ScoreGroupRow } from '../mpi/summary.js';

export type Level = 'country' | 'province' | 'district' | 'subdistrict' | 'village';
export const LEVELS: readonly Level[] = ['country', 'province', 'district', 'subdistrict', 'village'];
export const COUNTRY_CODE = 'TH';
export const AREA_CODE_PATTERN = '^(TH|[0-9]{2}([0-9]{2}){0,3})$';

export interface Area {
  code: string;
  level: Level;
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
  level: Level;
  name_th: string;
  name_en: string | null;
}

const COUNTRY: Omit<Area, 'bbox'> = {
  code: COUNTRY_CODE, level: 'country', parent_code: null, province_code: null, district_code: null,
  subdistrict_code: null, name_th: 'ประเทศไทย', name_en: 'Thailand',
};

async function country(db: Db): Promise<Area> {
  const { rows } = await db.raw(sqlFile('country_bbox'));
  return { ...COUNTRY, bbox: rows[0]?.bbox ?? null };
}

const asArea = (row: Area): Area => ({ ...row, parent_code: row.parent_code ?? COUNTRY_CODE });

export async function findArea(db: Db, code: string): Promise<Area | undefined> {
  if (code === COUNTRY_CODE) return country(db);
  const { rows } = await db.raw(sqlFile('areas_by_code'), { codes: code });
  return rows[0] ? asArea(rows[0]) : undefined;
}

export async function childAreas(db: Db, code: string): Promise<Area[]> {
  const { rows } = await db.raw(sqlFile('area_children'), { parent: code });
  return rows.map(asArea);
}

/** Ancestors from the country down, excluding the area itself. */
export async function breadcrumb(db: Db, area: Area): Promise<Crumb[]> {
  if (area.level === 'country') return [];
  const crumbs: Crumb[] = [{ code: COUNTRY.code, level: COUNTRY.level, name_th: COUNTRY.name_th, name_en: COUNTRY.name_en }];
  const ancestors = [area.province_code, area.district_code, area.subdistrict_code].filter(
    (c): c is string => !!c && c !== area.code,
  );
  if (!ancestors.length) return crumbs;
  const { rows } = await db.raw(sqlFile('areas_by_code'), { codes: ancestors.join(',') });
  const byCode = new Map<string, Area>(rows.map((r: Area) => [r.code, r]));
  for (const c of ancestors) {
    const a = byCode.get(c);
    if (a) crumbs.push({ code: a.code, level: a.level, name_th: a.name_th, name_en: a.name_en });
  }
  return crumbs;
}

/** The MPI figures of some areas (any mix of levels) in one year, all from the rollups. */
export async function areaFigures(db: Db, codes: string[], year: number, id: Identification): Promise<Map<string, MpiFigures>> {
  const out = new Map<string, MpiFigures>();
  if (!codes.length) return out;
  const joined = codes.join(',');
  const [stats, poor] = await Promise.all([
    db.raw(sqlFile('area_stats'), { year, codes: joined }),
    db.raw(sqlFile('area_poor'), { year, codes: joined, threshold: id.threshold60 }),
  ]);
  const groups = new Map<string, ScoreGroupRow[]>();
  for (const g of poor.rows as Array<ScoreGroupRow & { code: string }>) {
    const list = groups.get(g.code) ?? [];
    list.push(g);
    groups.set(g.code, list);
  }
  const statsByCode = new Map<string, AreaStatsRow>(stats.rows.map((r: AreaStatsRow & { code: string }) => [r.code, r]));
  for (const code of codes) out.set(code, mpiFigures(statsByCode.get(code) ?? EMPTY_STATS, groups.get(code) ?? [], id));
  return out;
}

export async function surveyYears(db: Db): Promise<number[]> {
  const { rows } = await db.raw(sqlFile('survey_years'));
  return rows.map((r: { survey_year: number }) => r.survey_year);
}
