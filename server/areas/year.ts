/** The survey year of a request: the one asked for if it has data, else the latest. */
import type { Db } from '../db/knex.js';
import { HttpProblem } from '../plugins/problem.js';
import { surveyYears } from './repository.js';

export async function resolveYear(db: Db, year: number | undefined): Promise<number> {
  const years = await surveyYears(db);
  if (!years.length) throw new HttpProblem(404, 'No survey data is loaded.');
  if (year === undefined) return years[years.length - 1];
  if (!years.includes(year)) {
    throw new HttpProblem(400, `query parameter "year" has no survey data: ${year} (have ${years.join(', ')})`, { parameter: 'year', in: 'querystring' });
  }
  return year;
}
