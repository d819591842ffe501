/**
 * The household filter as the API spells it. The area is one code whose length says its level
 * (the server's levels: GET /api/meta `levels`, each with its geocode length), and the API names
 * the parameter after the level, so the form needs one field, not four.
 */
import type { LevelBand } from '../api/types.js';
import type { HouseholdFilter, HouseholdFilterKey } from '../state/url-state.js';

/** The filter parameter of an area code (its level), or null for a code of no level. */
export function areaParam(levels: readonly LevelBand[], code: string): HouseholdFilterKey | null {
  if (!/^[0-9]+$/.test(code)) return null;
  return levels.find((b) => b.code_digits === code.length)?.level ?? null;
}

/** The one area code of a filter (the most precise one given). */
export function areaOf(levels: readonly LevelBand[], filter: HouseholdFilter): string {
  for (const { level } of [...levels].reverse()) if (filter[level]) return filter[level]!;
  return '';
}

export function withArea(levels: readonly LevelBand[], filter: HouseholdFilter, code: string): HouseholdFilter {
  const next: HouseholdFilter = { ...filter };
  for (const { level } of levels) delete next[level];
  const key = areaParam(levels, code.trim());
  if (key) next[key] = code.trim();
  return next;
}

/** The filter keys each search takes (the area's and card are shared; `show` is the screen's own). */
const HOUSEHOLD_KEYS: readonly HouseholdFilterKey[] = ['province', 'district', 'subdistrict', 'village', 'dims_any', 'dims_all', 'indicators', 'card',
  'failed_count', 'vulnerability', 'logbook', 'finance', 'sort'];
const PERSON_KEYS: readonly HouseholdFilterKey[] = ['province', 'district', 'subdistrict', 'village', 'group', 'age_band', 'sex', 'disabled', 'card'];

const only = (keys: readonly HouseholdFilterKey[], filter: HouseholdFilter): HouseholdFilter =>
  Object.fromEntries(Object.entries(filter).filter(([k]) => keys.includes(k as HouseholdFilterKey)));

/** The part of the screen's filter the household search takes. */
export const householdFilterOf = (filter: HouseholdFilter) => only(HOUSEHOLD_KEYS, filter);
/** The part of the screen's filter the person search takes. */
export const personFilterOf = (filter: HouseholdFilter) => only(PERSON_KEYS, filter);

/** The API query for a filter and year (cursor and limit for paging, headers for CSV). */
export function householdQuery(filter: HouseholdFilter, year: number, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  q.set('year', String(year));
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  return q.toString();
}

/** A comma list as a set of values, and back. */
export const listOf = (s: string | undefined): string[] => (s ? s.split(',').filter(Boolean) : []);
export const joinList = (values: Iterable<string>): string => [...values].join(',');
