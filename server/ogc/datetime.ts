/**
 * The survey year of an OGC API request (issue 19). Figures are per survey year, so `datetime`
 * (RFC 3339, OGC API – Features Part 1) selects the year it falls in: an instant (`2024`,
 * `2024-06-30`, `2024-06-30T00:00:00Z`) or a closed interval within one year
 * (`2024-01-01/2024-12-31`). Open or multi-year intervals are refused: a collection answers one
 * year at a time. `year=` says the same more plainly; giving both with different years is refused.
 */
import { HttpProblem } from '../plugins/problem.js';

const INSTANT = /^([0-9]{4})(-[0-9]{2}(-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?)?)?$/;

function bad(why: string): HttpProblem {
  return new HttpProblem(400, `query parameter "datetime" ${why}`, { parameter: 'datetime', in: 'querystring' });
}

function yearOfInstant(text: string): number {
  const m = INSTANT.exec(text.trim());
  if (!m) throw bad('must be an RFC 3339 date or date-time (e.g. 2024 or 2024-06-30), or an interval within one year');
  return Number(m[1]);
}

/** The year a request asks for, from `year` or `datetime`; undefined = the collection's newest. */
export function requestedYear(year: number | undefined, datetime: string | undefined): number | undefined {
  if (datetime === undefined) return year;
  const parts = datetime.split('/');
  if (parts.length > 2) throw bad('holds more than one "/"');
  if (parts.some((p) => p.trim() === '..' || p.trim() === '')) throw bad('must not be open-ended: the figures are per survey year, ask for one');
  const years = parts.map(yearOfInstant);
  if (years.length === 2 && years[0] !== years[1]) throw bad('spans more than one year: ask for one survey year');
  if (year !== undefined && year !== years[0]) {
    throw new HttpProblem(400, `query parameters "year" (${year}) and "datetime" (${years[0]}) disagree`, { parameter: 'datetime', in: 'querystring' });
  }
  return years[0];
}
