/**
 * Keyset paging of the person search in one stable order: house code, then person number within the
 * household (the primary key within a survey year, so every person has one place). A cursor is the
 * last row's (house_code, person_no); the next page starts strictly after it, so pages never repeat
 * or skip a person. The order is also the order of the area indexes of migration 011, so a page of
 * a province reads the index from the cursor on and stops after the page.
 */
import type { Knex } from 'knex';
import { HttpProblem } from '../plugins/problem.js';

export interface PersonCursor {
  house: string;
  person: number;
}

export const applyPersonOrder = (qb: Knex.QueryBuilder): Knex.QueryBuilder => qb.orderBy([{ column: 'house_code' }, { column: 'person_no' }]);

export const applyPersonCursor = (qb: Knex.QueryBuilder, c: PersonCursor): Knex.QueryBuilder =>
  qb.whereRaw('(house_code, person_no) > (?, ?)', [c.house, c.person]);

export function encodePersonCursor(row: { house_code: string; person_no: number }): string {
  return Buffer.from(JSON.stringify({ house: row.house_code, person: row.person_no })).toString('base64url');
}

export function decodePersonCursor(value: string): PersonCursor {
  const forged = new HttpProblem(400, 'query parameter "cursor" is not a cursor this API handed out', { parameter: 'cursor', in: 'querystring' });
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw forged;
  }
  const { house, person } = (c ?? {}) as Partial<PersonCursor>;
  // person_no is a smallint of 1..99 (migration 006): anything else was never handed out.
  if (typeof house !== 'string' || !/^[0-9]{12}$/.test(house) || typeof person !== 'number' || !Number.isInteger(person) || person < 1 || person > 99) {
    throw forged;
  }
  return { house, person };
}
