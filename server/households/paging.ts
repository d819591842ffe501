/**
 * Keyset paging: a cursor is the sort key and house code of the last row of the page, so the next
 * page starts strictly after it and rows never repeat or go missing while paging, whatever the
 * sort. Ties on the sort key are broken by house code (unique per year), in the same direction.
 */
import type { Knex } from 'knex';
import { HttpProblem } from '../plugins/problem.js';

export const SORTS = ['house_code', '-house_code', 'failed_dim_count', '-failed_dim_count', 'members', '-members'] as const;
export type Sort = (typeof SORTS)[number];

interface Cursor {
  sort: Sort;
  key: string | number;
  house: string;
}

/**
 * The sort keys other than house code (members, failed_dim_count) are smallint columns: a cursor key
 * outside 0..32767 (1e308, -1, 40000) was never handed out, and PostgreSQL would refuse it with an error.
 */
const KEY_MIN = 0;
const KEY_MAX = 32767;

function keyColumn(sort: Sort): string {
  return sort.replace(/^-/, '');
}

export function applySort(qb: Knex.QueryBuilder, sort: Sort): Knex.QueryBuilder {
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  const col = keyColumn(sort);
  if (col === 'house_code') return qb.orderBy('house_code', dir);
  return qb.orderBy([{ column: col, order: dir }, { column: 'house_code', order: dir }]);
}

export function applyCursor(qb: Knex.QueryBuilder, cursor: Cursor): Knex.QueryBuilder {
  const op = cursor.sort.startsWith('-') ? '<' : '>';
  const col = keyColumn(cursor.sort);
  if (col === 'house_code') return qb.where('house_code', op, cursor.house);
  return qb.whereRaw(`(??, house_code) ${op} (?, ?)`, [col, cursor.key, cursor.house]);
}

export function encodeCursor(sort: Sort, row: Record<string, unknown>): string {
  const c: Cursor = { sort, key: row[keyColumn(sort)] as string | number, house: row.house_code as string };
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(value: string, sort: Sort): Cursor {
  const bad = (why: string) => new HttpProblem(400, `query parameter "cursor" ${why}`, { parameter: 'cursor', in: 'querystring' });
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not a cursor this API handed out');
  }
  if (!c || typeof c !== 'object' || typeof c.house !== 'string' || !/^[0-9]{12}$/.test(c.house) || !SORTS.includes(c.sort)) {
    throw bad('is not a cursor this API handed out');
  }
  if (c.sort !== sort) throw bad(`was made for sort=${c.sort}; page with the same sort (or start again without a cursor)`);
  if (keyColumn(sort) !== 'house_code') {
    const key = c.key;
    if (typeof key !== 'number' || !Number.isSafeInteger(key) || key < KEY_MIN || key > KEY_MAX) {
      throw bad(`is not a cursor this API handed out (its sort key must be a whole number from ${KEY_MIN} to ${KEY_MAX})`);
    }
  }
  return c;
}
