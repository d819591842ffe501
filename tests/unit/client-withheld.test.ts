/**
 * How the client recognises and writes a withheld figure (client/i18n/withheld.ts), and the
 * choropleth's grey for a withheld tile value (client/map/paint.ts): never 0, never "no data".
 */
import { describe, expect, it } from 'vitest';
import { isWithheld, orWithheld, tileWithheldKeys, tileWithholds, withheldText } from '../../client/i18n/withheld.js';
import { fillColor, withholds } from '../../client/map/paint.js';
import { RAMP_DEPRIVATION } from '../../client/map/measures.js';
import { COLORS } from '../../client/map/colors.js';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

describe('withheld figures in API responses', () => {
  it('reads "<5" in English and ไม่เปิดเผย in Thai', () => {
    expect(withheldText('en')).toBe('<5');
    expect(withheldText('th')).toBe('ไม่เปิดเผย');
  });

  it('a null count or share is withheld (today\'s small-cell nulls); a zero is a zero', () => {
    expect(orWithheld(null, pct, 'en')).toBe('<5');
    expect(orWithheld(undefined, pct, 'th')).toBe('ไม่เปิดเผย');
    expect(orWithheld(0, pct, 'en')).toBe('0.0%');
    expect(isWithheld(0)).toBe(false);
  });

  it('a key named in the reason map is withheld, other keys are not', () => {
    const reasons = { target_households: 'count-1-4' };
    expect(isWithheld(null, reasons, 'target_households')).toBe(true);
    expect(isWithheld(3, reasons, 'target_households')).toBe(true);
    expect(isWithheld(12, reasons, 'households')).toBe(false);
  });
});

describe('withheld values in tiles', () => {
  it('are the keys of the comma-separated withheld property', () => {
    const p = { code: '30010104', withheld: 'target_households,h, target_share' };
    expect([...tileWithheldKeys(p)].sort()).toEqual(['h', 'target_households', 'target_share']);
    expect(tileWithholds(p, 'h')).toBe(true);
    expect(tileWithholds(p, 'helped_share')).toBe(false);
    expect(tileWithholds({ code: '30' }, 'h')).toBe(false);
  });

  it('are painted grey before the classes, matching the whole key only', () => {
    const expr = fillColor('h', [0.1, 0.2], RAMP_DEPRIVATION) as unknown[];
    expect(expr[3]).toEqual(withholds('h'));
    expect(expr[4]).toBe(COLORS.suppressed);
    // ",h," inside ",target_households,helped_share," does not occur: "h" is not withheld there
    expect(withholds('h')).toEqual(['in', ',h,', ['concat', ',', ['coalesce', ['get', 'withheld'], ''], ',']]);
  });
});
