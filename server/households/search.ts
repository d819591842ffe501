/**
 * The household list: one page (keyset), its total, and the SELECT the CSV export reuses. Reads
 * the household_list view (sql/views/30_household_list.sql). Without the PII grant every output
 * takes the view's protected columns instead of the exact ones: names and national ids fully
 * masked, and the position coarsened to the village's label point (why that and not a grid: the
 * view's comment). The route audits every read, with whether exact values were returned.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/knex.js';
import { applyFilter, type HouseholdFilter } from './filters.js';
import { applyCursor, applySort, decodeCursor, encodeCursor, type Sort } from './paging.js';

export interface HouseholdItem {
  house_code: string;
  head_name: string;
  national_id: string;
  village_code: string;
  address_th: string;
  address_en: string;
  lon: number | null;
  lat: number | null;
  members: number;
  welfare_card_holders: number;
  failed_dim_count: number;
  dims: { health: boolean; living: boolean; education: boolean; income: boolean; access: boolean };
  vulnerability_level: number | null;
  /** Debt and access to finance; null where the survey did not ask (migration 015). */
  finance: { has_debt: boolean | null; informal_debt: boolean | null; finance_access: boolean | null };
  logbook: string;
}

/** Debt and access to finance, as the survey answered them (null: not asked). */
const FINANCE_FLAGS = ['has_debt', 'informal_debt', 'finance_access'];

/** The columns every output shares, in CSV order; the CSV has the boolean flags as 1/0 (empty: null). */
export function selectColumns(db: Db, pii: boolean, flags: 'boolean' | 'integer' = 'boolean'): Array<string | Record<string, string> | Knex.Raw> {
  const dims = ['health', 'living', 'education', 'income', 'access'];
  const asFlags = (columns: string[]) => (flags === 'boolean' ? columns : columns.map((c) => db.raw('cast(?? as integer) as ??', [c, c])));
  return [
    'house_code',
    pii ? 'head_name' : { head_name: 'head_name_masked' },
    pii ? 'national_id' : { national_id: 'national_id_masked' },
    'village_code', 'address_th', 'address_en',
    pii ? 'lon' : { lon: 'lon_coarse' },
    pii ? 'lat' : { lat: 'lat_coarse' },
    'members', 'welfare_card_holders', 'failed_dim_count',
    ...asFlags(dims),
    'vulnerability_level', 'logbook',
    ...asFlags(FINANCE_FLAGS),
  ];
}

export function filteredQuery(db: Db, filter: HouseholdFilter): Knex.QueryBuilder {
  return applyFilter(db('household_list'), filter);
}

export async function searchPage(db: Db, filter: HouseholdFilter, options: { pii: boolean; sort: Sort; limit: number; cursor?: string }) {
  const page = filteredQuery(db, filter).select(selectColumns(db, options.pii));
  applySort(page, options.sort);
  if (options.cursor) applyCursor(page, decodeCursor(options.cursor, options.sort));
  // One row more than asked tells whether there is a next page without a second query.
  page.limit(options.limit + 1);
  const count = applyFilter(db('household'), filter, 'household').count({ n: '*' });
  const [rows, [{ n }]] = await Promise.all([page, count]);
  const more = rows.length > options.limit;
  const items: HouseholdItem[] = rows.slice(0, options.limit).map((r: Record<string, unknown>) => ({
    house_code: r.house_code, head_name: r.head_name, national_id: r.national_id, village_code: r.village_code,
    address_th: r.address_th, address_en: r.address_en, lon: r.lon, lat: r.lat, members: r.members,
    welfare_card_holders: r.welfare_card_holders, failed_dim_count: r.failed_dim_count,
    dims: { health: r.health, living: r.living, education: r.education, income: r.income, access: r.access },
    vulnerability_level: r.vulnerability_level,
    finance: { has_debt: r.has_debt, informal_debt: r.informal_debt, finance_access: r.finance_access },
    logbook: r.logbook,
  }) as HouseholdItem);
  return { items, next_cursor: more ? encodeCursor(options.sort, rows[options.limit - 1]) : null, total: Number(n) };
}
