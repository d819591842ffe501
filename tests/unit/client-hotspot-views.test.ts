import { describe, expect, it } from 'vitest';
import { classFillColor, classLabel, GI_CLASSES, MORAN_CLASSES, RAMP_CHANGE } from '../../client/map/hotspot-views.js';
import { symmetricBreaks } from '../../server/choropleth/class-breaks.js';
import { COLORS } from '../../client/map/colors.js';
import { availableMeasures, findMeasure, formatPoints, measuresFor } from '../../client/map/measures.js';
import { hasMessage } from '../../client/i18n/messages.js';
import { AREA_METRICS } from '../helpers/tile-registry.js';
import { formatUrl, parseUrl } from '../../client/state/url-state.js';
import { definitions } from '../../server/routes/meta.js';

const measures = measuresFor(definitions());

describe('hotspot views', () => {
  it('has the seven Gi* classes of the server, hot to cold on ColorBrewer RdBu', () => {
    expect(GI_CLASSES.map((c) => c.value)).toEqual(['hot-99', 'hot-95', 'hot-90', 'not-significant', 'cold-90', 'cold-95', 'cold-99']);
    // ColorBrewer's 7-class RdBu (colorbrewer2.org), written out here: dark red for hot-99 to dark blue for cold-99
    const colorBrewerRdBu7 = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];
    expect(GI_CLASSES.map((c) => c.color.toLowerCase())).toEqual(colorBrewerRdBu7);
    expect(MORAN_CLASSES.map((c) => c.value)).toEqual(['high-high', 'low-low', 'high-low', 'low-high', 'not-significant', 'island']);
    for (const c of [...GI_CLASSES, ...MORAN_CLASSES]) expect(hasMessage(c.label), c.label).toBe(true);
    expect(new Set(MORAN_CLASSES.map((c) => c.color)).size).toBe(MORAN_CLASSES.length);
  });

  it('colours by class with greys for suppressed areas and areas without a class', () => {
    const e = classFillColor('gi_class', GI_CLASSES) as unknown[];
    expect(e.slice(0, 3)).toEqual(['case', ['==', ['get', 'suppressed'], true], COLORS.suppressed]);
    const match = e[3] as unknown[];
    expect(match.slice(0, 4)).toEqual(['match', ['get', 'gi_class'], 'hot-99', '#b2182b']);
    // every class's colour follows its value in the match expression
    GI_CLASSES.forEach((c, i) => expect(match.slice(2 + 2 * i, 4 + 2 * i)).toEqual([c.value, c.color]));
    expect(match[match.length - 1]).toBe(COLORS.noData);
    expect(match.length).toBe(2 + 2 * GI_CLASSES.length + 1);
  });

  it('names classes in both languages and falls back to the raw value', () => {
    expect(classLabel(GI_CLASSES, 'hot-99', 'en')).toBe('Hotspot, 99 % confidence');
    expect(classLabel(MORAN_CLASSES, 'low-low', 'th')).toContain('ต่ำ-ต่ำ');
    expect(classLabel(GI_CLASSES, 'other', 'en')).toBe('other');
  });

  it('classes a change symmetrically around zero, zero in the middle class', () => {
    const b = symmetricBreaks([-0.02, 0.07, 0.01], 7);
    expect(b).toHaveLength(6);
    const width = (2 * 0.07) / 7;
    b.forEach((x, i) => expect(x).toBeCloseTo((i - 2.5) * width, 15));
    expect(b[2]).toBeLessThan(0);
    expect(b[3]).toBeGreaterThan(0);
    expect(b[2]).toBeCloseTo(-b[3], 15);
    // all zero: still strictly increasing stops
    const z = symmetricBreaks([0, 0], 7);
    for (let i = 1; i < z.length; i++) expect(z[i]).toBeGreaterThan(z[i - 1]);
    expect(() => symmetricBreaks([1], 6)).toThrow(RangeError);
    expect(RAMP_CHANGE[0].toLowerCase()).toBe('#2166ac'); // a falling share is blue
  });

  it('offers the three views in the picker when the tiles carry them, and keeps them in the URL', () => {
    const ids = availableMeasures(measures, AREA_METRICS).filter((m) => m.group === 'hotspots').map((m) => m.id);
    expect(ids).toEqual(['gi_class', 'moran_class', 'change_target_share']);
    expect(findMeasure(measures, 'change_target_share')?.diverging).toBe(true);
    expect(formatPoints(0.0123, 'en')).toBe('+1.2 pp');
    expect(formatPoints(-0.004, 'en')).toBe('-0.4 pp');
    for (const id of ids) {
      const url = formatUrl({ ...parseUrl({ pathname: '/area/30', search: '' }), measure: id });
      expect(url).toBe(`/area/30?measure=${id}`);
      expect(parseUrl({ pathname: '/area/30', search: `?measure=${id}` }).measure).toBe(id);
    }
  });
});
