/**
 * How many decimals a set of figures needs: the measure's own (one for a share in per cent, three
 * for M0), or more when that would print a real value as zero ("0.0 %" for 0.04 %) or two
 * different class bounds alike. Capped, so a legend never prints noise.
 */
import type { Lang } from '../state/url-state.js';
import type { Measure } from './measures.js';

const MAX_EXTRA = 3;

export function fittingDigits(measure: Pick<Measure, 'format' | 'digits'>, values: ReadonlyArray<number | null | undefined>, lang: Lang = 'en'): number {
  const finite = values.filter((v): v is number => v != null && Number.isFinite(v));
  const zero = measure.format(0, lang, measure.digits);
  for (let d = measure.digits; d <= measure.digits + MAX_EXTRA; d++) {
    const texts = finite.map((v) => measure.format(v, lang, d));
    const hidesValue = finite.some((v, i) => v !== 0 && texts[i].replace(/^[+-]/, '') === zero.replace(/^[+-]/, ''));
    const sorted = [...finite].sort((a, b) => a - b);
    const merges = sorted.some((v, i) => i > 0 && v !== sorted[i - 1] && measure.format(v, lang, d) === measure.format(sorted[i - 1], lang, d));
    if (!hidesValue && !merges) return d;
  }
  return measure.digits + MAX_EXTRA;
}
