/**
 * The person list: one page (keyset, server/persons/paging.ts), its total, and the SELECT the CSV
 * export reuses. Reads the person_list view (sql/views/33_person_list.sql); without the PII grant
 * the national id is the view's masked copy. Counts read person_in_groups, which has the same
 * filter columns without the address joins. The route audits every read.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/knex.js';
import { applyPersonFilter, type PersonFilter } from './filters.js';
import { applyPersonCursor, applyPersonOrder, decodePersonCursor, encodePersonCursor } from './paging.js';

export interface PersonItem {
  house_code: string;
  person_no: number;
  national_id: string;
  village_code: string;
  address_th: string;
  address_en: string;
  age: number;
  sex: 'm' | 'f';
  relation_to_head: string;
  disabled: boolean;
  in_education: boolean;
  employed: boolean;
  literate: boolean;
  welfare_card: boolean;
  needs_daily_care: boolean;
  receives_care: boolean | null;
  household_target: boolean;
  vulnerability_level: number | null;
}

/** The yes/no columns; the CSV writes them as 1/0 (receives_care empty when no care is needed). */
const FLAGS = ['disabled', 'in_education', 'employed', 'literate', 'welfare_card', 'needs_daily_care', 'receives_care', 'household_target'] as const;

/** The columns of every output, in CSV order (the item's fields). */
export function personColumns(db: Db, pii: boolean, flags: 'boolean' | 'integer' = 'boolean'): Array<string | Record<string, string> | Knex.Raw> {
  return [
    'house_code', 'person_no',
    pii ? 'national_id' : { national_id: 'national_id_masked' },
    'village_code', 'address_th', 'address_en', 'age', 'sex', 'relation_to_head',
    ...(flags === 'boolean' ? FLAGS : FLAGS.map((f) => db.raw('cast(?? as integer) as ??', [f, f]))),
    'vulnerability_level',
  ];
}

export const filteredPersons = (db: Db, filter: PersonFilter): Knex.QueryBuilder => applyPersonFilter(db('person_list'), filter);

export async function personPage(db: Db, filter: PersonFilter, options: { pii: boolean; limit: number; cursor?: string }) {
  const page = applyPersonOrder(filteredPersons(db, filter).select(personColumns(db, options.pii)));
  if (options.cursor) applyPersonCursor(page, decodePersonCursor(options.cursor));
  // One row more than asked tells whether there is a next page without a second query.
  page.limit(options.limit + 1);
  const count = applyPersonFilter(db('person_in_groups'), filter).count({ n: '*' });
  const [rows, [{ n }]] = await Promise.all([page, count]);
  const items = rows.slice(0, options.limit) as PersonItem[];
  return { items, next_cursor: rows.length > options.limit ? encodePersonCursor(items[items.length - 1]) : null, total: Number(n) };
}
