/**
 * Numbers, shares, years and dates in the reader's language. Thai readers count years in the
 * Buddhist era (2022 CE is 2565 BE), which Intl's Thai calendar does for dates; survey years are
 * bare numbers, so they are shifted here. Digits stay Arabic in both languages, as Thai official
 * statistics print them.
 */
import type { Lang } from '../state/url-state.js';

const LOCALES: Record<Lang, string> = { th: 'th-TH', en: 'en-GB' };
const BUDDHIST_ERA_OFFSET = 543;

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], options);
    cache.set(key, f);
  }
  return f;
}

export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n == null || !Number.isFinite(n)) return '–';
  return nf(lang, { maximumFractionDigits: 0 }).format(n);
}

/** A share in 0..1 as a percentage. */
export function formatShare(share: number | null | undefined, lang: Lang, digits = 1): string {
  if (share == null || !Number.isFinite(share)) return '–';
  return nf(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

export function formatDecimal(n: number | null | undefined, lang: Lang, digits = 3): string {
  if (n == null || !Number.isFinite(n)) return '–';
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A survey year (CE in the data) as the reader counts years. */
export function formatYear(year: number, lang: Lang): string {
  return lang === 'th' ? `พ.ศ. ${year + BUDDHIST_ERA_OFFSET}` : String(year);
}

export function formatDate(date: Date | string, lang: Lang): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Coordinates as decimal degrees, latitude first, five decimals (about a metre). */
export function formatCoordinates(lat: number, lon: number, lang: Lang): string {
  const f = nf(lang, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  return `${f.format(lat)}, ${f.format(lon)}`;
}
