/**
 * The solution menu's items as the API reads and writes them (table menu_item, migration 007). The
 * references an item makes (indicators of its dimension, area codes) are checked against the
 * database before a write, so a bad one is a 400 naming the field, never a constraint error.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { HttpProblem } from '../plugins/problem.js';
import type { MenuItemInput } from './demo-menu.js';

export const MENU_COLUMNS = ['id', 'code', 'agency', 'title_th', 'title_en', 'dimension', 'indicators', 'target_groups', 'stage',
  'age_min', 'age_max', 'welfare_card_required', 'area_codes', 'capacity_per_year', 'updated_at'];

export type MenuItem = MenuItemInput & { id: number; updated_at: string };

function present(row: Record<string, unknown>): MenuItem {
  return { ...row, target_groups: (row.target_groups as number[]).map(Number), updated_at: (row.updated_at as Date).toISOString() } as MenuItem;
}

export async function listItems(db: Knex, filter: { agency?: string; dimension?: string; stage?: string }): Promise<MenuItem[]> {
  const q = db('menu_item').select(MENU_COLUMNS).orderBy('code');
  if (filter.agency) q.where('agency', filter.agency);
  if (filter.dimension) q.where('dimension', filter.dimension);
  if (filter.stage) q.where('stage', filter.stage);
  return (await q).map(present);
}

export async function getItem(db: Knex, id: number): Promise<MenuItem | undefined> {
  const row = await db('menu_item').where({ id }).first(MENU_COLUMNS);
  return row ? present(row) : undefined;
}

/** 400 naming the field when an item's indicators or area codes are not what they must be. */
export async function checkReferences(db: Knex, item: MenuItemInput): Promise<void> {
  if (item.age_min !== null && item.age_max !== null && item.age_min > item.age_max) {
    throw new HttpProblem(400, `body/age_max ${item.age_max} is below age_min ${item.age_min}`, { parameter: 'age_max', in: 'body' });
  }
  const { rows: [p] } = await db.raw(sqlText('menu/problems.sql'), { dimension: item.dimension, indicators: item.indicators, area_codes: item.area_codes });
  if (p.bad_indicators) {
    throw new HttpProblem(400, `body/indicators names ${p.bad_indicators}, not an indicator of dimension ${item.dimension}`, { parameter: 'indicators', in: 'body' });
  }
  if (p.bad_area_codes) throw new HttpProblem(400, `body/area_codes names ${p.bad_area_codes}, not an area`, { parameter: 'area_codes', in: 'body' });
}

/** Insert (id undefined) or update an item; 409 when another item has its code. */
export async function saveItem(db: Knex, item: MenuItemInput, id?: number): Promise<MenuItem | undefined> {
  await checkReferences(db, item);
  const clash = await db('menu_item').where({ code: item.code }).modify((q) => { if (id !== undefined) q.whereNot({ id }); }).first('id');
  if (clash) throw new HttpProblem(409, `Menu item ${clash.id} already has the code ${item.code}.`, { parameter: 'code', in: 'body' });
  const rows = id === undefined
    ? await db('menu_item').insert(item).returning(MENU_COLUMNS)
    : await db('menu_item').where({ id }).update({ ...item, updated_at: db.fn.now() }).returning(MENU_COLUMNS);
  return rows[0] ? present(rows[0]) : undefined;
}
