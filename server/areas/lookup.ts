/**
 * The two lookups a route makes when a request names an area or a year, each with one wording and
 * one status everywhere: an area code with no area is 404, and so is a year with no data (the tiles
 * answer the same); both name the parameter.
 */
import type { Knex } from 'knex';
import { AREA_LEVELS, type AdminLevel } from '../../tiles/levels.js';
import { HttpProblem } from '../plugins/problem.js';
import { findArea, surveyYears } from './repository.js';

/** Where a request carries the parameter: the path (`/api/areas/:code`) or the query string. */
export type ParameterIn = 'params' | 'querystring';

/** The 404 for an area code that names no area. */
export function noSuchArea(code: string, parameter = 'code', where: ParameterIn = 'params'): HttpProblem {
  const detail = where === 'params' ? `No area with code ${code}.` : `query parameter "${parameter}": no area with code ${code}`;
  return new HttpProblem(404, detail, { parameter, in: where });
}

/** The area with its breadcrumb, or a 404 naming `parameter`. */
export async function areaOr404(db: Knex, code: string, parameter = 'code', where: ParameterIn = parameter === 'code' ? 'params' : 'querystring') {
  const area = await findArea(db, code);
  if (!area) throw noSuchArea(code, parameter, where);
  return area;
}

/** The area a ranking's `parent` names (the country included), which must lie above `level`. */
export async function parentAreaOr404(db: Knex, code: string, level: AdminLevel) {
  const parent = await areaOr404(db, code, 'parent');
  if (AREA_LEVELS.indexOf(parent.level) >= AREA_LEVELS.indexOf(level)) {
    throw new HttpProblem(400, `query parameter "parent" is a ${parent.level}, which has no ${level}s inside it`, { parameter: 'parent', in: 'querystring' });
  }
  return parent;
}

/** What a kind of yearly data is called in a problem, and what to say when none is loaded. */
export interface YearData {
  name: string;
  none: string;
}

export const SURVEY_DATA: YearData = { name: 'survey data', none: 'No survey data is loaded.' };

/**
 * The year of a request among the `years` that have data: the one asked for, else the latest. A year
 * without data is 404 naming `parameter` (a query-string parameter); no data at all is 404 too.
 */
export function yearOr404(years: readonly number[], year: number | undefined, data: YearData, parameter = 'year'): number {
  if (!years.length) throw new HttpProblem(404, data.none);
  if (year === undefined) return years[years.length - 1];
  if (!years.includes(year)) {
    throw new HttpProblem(404, `query parameter "${parameter}" has no ${data.name}: ${year} (have ${years.join(', ')})`, { parameter, in: 'querystring' });
  }
  return year;
}

/** The survey year of a request (see yearOr404). */
export async function surveyYearOr404(db: Knex, year: number | undefined, parameter = 'year'): Promise<number> {
  const cached = await surveyYears(db);
  // A year the cache does not know may have just been imported: ask the database before a 404.
  const years = year === undefined || cached.includes(year) ? cached : await surveyYears(db, true);
  return yearOr404(years, year, SURVEY_DATA, parameter);
}
