/**
 * How a withheld figure reads. The server withholds a count of 1-4 households or people, and every
 * share, mean or index computed from one, so that no family can be picked out (the disclosure
 * policy). A withheld value must never read as 0 or 0.0 %: zero is a real, publishable figure, so
 * the two would be confused. Withheld reads "<5" in English and "ไม่เปิดเผย" in Thai.
 *
 * How the client recognises one:
 * - in an API response, a count or share that is null (today's small-cell nulls), or one named in
 *   the response's `withheld` reason map ({ "target_households": "count-1-4" });
 * - in a tile feature, a property listed in the comma-separated `withheld` string property (the
 *   property itself is then absent: MVT has no null).
 */
import { t } from './messages.js';
import type { Lang } from '../state/url-state.js';

/** The reason map a public response may carry beside its nulls. */
export type WithheldReasons = Record<string, string> | null | undefined;

export function withheldText(lang: Lang): string {
  return t('withheld', lang);
}

/** A figure of a public API response: withheld when null, or when its key is in the reason map. */
export function isWithheld(value: number | null | undefined, reasons?: WithheldReasons, key?: string): boolean {
  return value == null || (key !== undefined && reasons != null && Object.hasOwn(reasons, key));
}

/** Format a figure of a public API response, or say it is withheld. */
export function orWithheld(value: number | null | undefined, format: (v: number) => string, lang: Lang,
  reasons?: WithheldReasons, key?: string): string {
  return isWithheld(value, reasons, key) ? withheldText(lang) : format(value as number);
}

/** The keys a tile feature lists as withheld. */
export function tileWithheldKeys(properties: Record<string, unknown>): Set<string> {
  const list = properties.withheld;
  return new Set(typeof list === 'string' ? list.split(',').map((s) => s.trim()).filter(Boolean) : []);
}

/** Whether a tile feature withholds `key` (listed in its `withheld` property). */
export function tileWithholds(properties: Record<string, unknown>, key: string): boolean {
  return tileWithheldKeys(properties).has(key);
}
