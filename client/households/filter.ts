/**
 * The household filter as the API spells it. The area is one code whose length says its level
 * (2 province, 4 district, 6 subdistrict, 8 village), so the form needs one field, not four.
 */
import type { HouseholdFilter, HouseholdFilterKey } from '../state/url-state.js';

const AREA_KEYS = ['province', 'district', 'subdistrict', 'village'] as const;

export function areaParam(code: string): HouseholdFilterKey | null {
  const i = [2, 4, 6, 8].indexOf(code.length);
  return /^[0-9]+$/.test(code) && i >= 0 ? AREA_KEYS[i] : null;
}

/** The one area code of a filter (the most precise one given). */
export function areaOf(filter: HouseholdFilter): string {
  for (const k of [...AREA_KEYS].reverse()) if (filter[k]) return filter[k]!;
  return '';
}

export function withArea(filter: HouseholdFilter, code: string): HouseholdFilter {
  const next: HouseholdFilter = { ...filter };
  for (const k of AREA_KEYS) delete next[k];
  const key = areaParam(code.trim());
  if (key) next[key] = code.trim();
  return next;
}

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
