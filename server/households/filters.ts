/**
 * The household search filters: parsed and checked once, then applied the same way to the list,
 * its count and the CSV export. Every rejection is a 400 naming the parameter.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/knex.js';
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { HttpProblem } from '../plugins/problem.js';
import type { AreaPath } from '../auth/grants.js';

export const AREA_PARAMS = ['province', 'district', 'subdistrict', 'village'] as const;
type AreaParam = (typeof AREA_PARAMS)[number];
/** The area a search is limited to, with the codes of the areas above it (for the grant check). */
export type SearchArea = AreaPath & { level: AreaParam };
export const LOGBOOK_STATUSES = ['none', 'planned', 'in_progress', 'done'] as const;
/** Debt and finance (migration 015): a household not asked has none of them. */
export const FINANCE_FILTERS = ['debt', 'informal_debt', 'no_finance'] as const;
type FinanceFilter = (typeof FINANCE_FILTERS)[number];

export interface HouseholdFilterQuery {
  province?: string;
  district?: string;
  subdistrict?: string;
  village?: string;
  dims_any?: string;
  dims_all?: string;
  indicators?: string;
  card?: 'with' | 'without';
  failed_count?: string;
  vulnerability?: string;
  logbook?: string;
  finance?: string;
}

export interface HouseholdFilter {
  year: number;
  /** The most specific area asked for, or null for the whole country. */
  area: SearchArea | null;
  dimsAny: number;
  dimsAll: number;
  indicators: number;
  card: 'with' | 'without' | null;
  failedCounts: number[];
  vulnerability: number[];
  logbook: string[];
  /** Debt and finance flags every household must have (FINANCE_FILTERS). */
  finance: FinanceFilter[];
}

/** The area parameters of a search (households, persons): give the most specific one, or several that nest. */
export const areaQuerySchema = {
  province: { type: 'string', pattern: '^[0-9]{2}$', description: 'Province code (2 digits).' },
  district: { type: 'string', pattern: '^[0-9]{4}$', description: 'District code (4 digits).' },
  subdistrict: { type: 'string', pattern: '^[0-9]{6}$', description: 'Subdistrict code (6 digits).' },
  village: { type: 'string', pattern: '^[0-9]{8}$', description: 'Village code (8 digits).' },
} as const;

export const filterQuerySchema = {
  ...areaQuerySchema,
  dims_any: { type: 'string', maxLength: 200, description: `Fails at least one of these dimensions (comma-separated: ${DIMENSIONS.map((d) => d.id).join(', ')}).` },
  dims_all: { type: 'string', maxLength: 200, description: 'Fails every one of these dimensions (comma-separated).' },
  indicators: { type: 'string', maxLength: 400, description: 'Fails every one of these indicators (comma-separated ids, see /api/meta).' },
  card: { type: 'string', enum: ['with', 'without'], description: 'Welfare-card status: some member holds a card, or none does.' },
  failed_count: { type: 'string', pattern: '^[0-5](,[0-5])*$', description: 'Number of failed dimensions, one or more of 0-5 (comma-separated).' },
  vulnerability: { type: 'string', pattern: '^[0-3](,[0-3])*$', description: 'Vulnerability level, one or more of 0-3 (comma-separated).' },
  logbook: { type: 'string', maxLength: 100, description: 'Assistance logbook status of the latest entry: none, planned, in_progress, done (comma-separated).' },
  finance: { type: 'string', maxLength: 100, description: `Has every one of these (comma-separated): ${FINANCE_FILTERS.join(', ')} (no account or loan at a bank, cooperative or village fund). Households the survey did not ask have none.` },
} as const;

export const bad = (parameter: string, message: string) =>
  new HttpProblem(400, `query parameter "${parameter}" ${message}`, { parameter, in: 'querystring' });

function list(value: string | undefined): string[] {
  return value === undefined ? [] : [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
}

function dimensionMask(parameter: string, value: string | undefined): number {
  let mask = 0;
  for (const id of list(value)) {
    const d = DIMENSIONS.find((x) => x.id === id);
    if (!d) throw bad(parameter, `names an unknown dimension "${id}" (have ${DIMENSIONS.map((x) => x.id).join(', ')})`);
    mask |= 1 << (d.number - 1);
  }
  return mask;
}

function indicatorMask(value: string | undefined): number {
  let mask = 0;
  for (const id of list(value)) {
    const ind = INDICATORS.find((x) => x.id === id);
    if (!ind) throw bad('indicators', `names an unknown indicator "${id}" (see /api/meta for the ids)`);
    mask |= 1 << (ind.number - 1);
  }
  return mask;
}

const bitCount = (n: number) => n.toString(2).replace(/0/g, '').length;

/**
 * The area of a search: the most specific of province, district, subdistrict and village given, or
 * null for none. Each must exist at its level (404 naming it), and the ones given must nest (a
 * village inside the district asked for, …); anything else is a contradiction (400), not an empty list.
 */
export async function parseArea(db: Db, q: Partial<Record<AreaParam, string>>): Promise<SearchArea | null> {
  const given = AREA_PARAMS.filter((p) => q[p] !== undefined);
  if (!given.length) return null;
  const rows: Array<AreaPath & { level: string }> = await db('admin_area')
    .whereIn('code', given.map((p) => q[p]!))
    .select('code', 'level', 'province_code', 'district_code', 'subdistrict_code');
  for (const p of given) {
    const row = rows.find((r) => r.code === q[p]);
    if (!row || row.level !== p) throw new HttpProblem(404, `No ${p} with code ${q[p]}.`, { parameter: p, in: 'querystring' });
  }
  const deepest = given[given.length - 1];
  const leaf = rows.find((r) => r.code === q[deepest])!;
  for (const p of given.slice(0, -1)) {
    const ancestor = { province: leaf.province_code, district: leaf.district_code, subdistrict: leaf.subdistrict_code, village: leaf.code }[p];
    if (ancestor !== q[p]) throw bad(p, `contradicts "${deepest}": ${deepest} ${q[deepest]} is not inside ${p} ${q[p]}`);
  }
  return { ...leaf, level: deepest };
}

export async function parseFilter(db: Db, q: HouseholdFilterQuery, year: number): Promise<HouseholdFilter> {
  const area = await parseArea(db, q);
  const dimsAny = dimensionMask('dims_any', q.dims_any);
  const dimsAll = dimensionMask('dims_all', q.dims_all);
  const indicators = indicatorMask(q.indicators);
  const failedCounts = list(q.failed_count).map(Number);
  const vulnerability = list(q.vulnerability).map(Number);
  const logbook = list(q.logbook);
  for (const s of logbook) {
    if (!(LOGBOOK_STATUSES as readonly string[]).includes(s)) throw bad('logbook', `names an unknown status "${s}" (have ${LOGBOOK_STATUSES.join(', ')})`);
  }
  const finance = list(q.finance) as FinanceFilter[];
  for (const s of finance) {
    if (!(FINANCE_FILTERS as readonly string[]).includes(s)) throw bad('finance', `names an unknown flag "${s}" (have ${FINANCE_FILTERS.join(', ')})`);
  }
  // Contradictions that could only ever give an empty list are mistakes worth naming.
  const indicatorDims = INDICATORS.filter((i) => indicators & (1 << (i.number - 1))).reduce((m, i) => m | (1 << (DIMENSIONS.find((d) => d.id === i.dimension)!.number - 1)), 0);
  const minFailed = bitCount(dimsAll | indicatorDims) || (dimsAny ? 1 : 0);
  if (failedCounts.length && Math.max(...failedCounts) < minFailed) {
    throw bad('failed_count', `contradicts the dimension/indicator filters: they need at least ${minFailed} failed dimension(s)`);
  }
  return { year, area, dimsAny, dimsAll, indicators, card: q.card ?? null, failedCounts, vulnerability, logbook, finance };
}

/**
 * The filter as WHERE clauses on household_list, or on the household table itself (whose columns
 * have the same names; only the logbook status is computed there), which counts without the joins.
 */
export function applyFilter(qb: Knex.QueryBuilder, f: HouseholdFilter, source: 'household_list' | 'household' = 'household_list'): Knex.QueryBuilder {
  qb.where('survey_year', f.year);
  if (f.area) qb.where(`${f.area.level}_code`, f.area.code);
  if (f.dimsAny) qb.whereRaw('failed_dims & ? <> 0', [f.dimsAny]);
  if (f.dimsAll) qb.whereRaw('failed_dims & ? = ?', [f.dimsAll, f.dimsAll]);
  if (f.indicators) qb.whereRaw('deprived & ? = ?', [f.indicators, f.indicators]);
  if (f.card === 'with') qb.where('welfare_card_holders', '>', 0);
  if (f.card === 'without') qb.where('welfare_card_holders', 0);
  if (f.failedCounts.length) qb.whereIn('failed_dim_count', f.failedCounts);
  if (f.vulnerability.length) qb.whereIn('vulnerability_level', f.vulnerability);
  // `is true`, so a household not asked (null) is never listed
  if (f.finance.includes('debt')) qb.whereRaw('has_debt is true');
  if (f.finance.includes('informal_debt')) qb.whereRaw('informal_debt is true');
  if (f.finance.includes('no_finance')) qb.whereRaw('finance_access is false');
  if (f.logbook.length) {
    if (source === 'household_list') qb.whereIn('logbook', f.logbook);
    else qb.whereRaw(`povmap.logbook_status(survey_year, house_code) in (${f.logbook.map(() => '?').join(', ')})`, f.logbook);
  }
  return qb;
}
