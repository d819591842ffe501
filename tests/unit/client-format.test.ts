import { describe, expect, it } from 'vitest';
import { formatCoordinates, formatCount, formatDate, formatDecimal, formatShare, formatYear } from '../../client/i18n/format.js';
import { areaOf, areaParam, householdQuery, withArea } from '../../client/households/filter.js';
import { levelAtZoom, zoomRangeForChildrenOf } from '../../client/map/levels.js';
import { availableMeasures, findMeasure, measuresFor } from '../../client/map/measures.js';
import { tileUrlsForYear } from '../../client/map/tiles.js';
import { definitions } from '../../server/routes/meta.js';

// The client's definitions as GET /api/meta hands them over.
const { levels } = definitions();
const measures = measuresFor(definitions());

describe('formatting per language', () => {
  it('groups thousands and writes shares as percentages', () => {
    expect(formatCount(618311, 'en')).toBe('618,311');
    expect(formatCount(618311, 'th')).toBe('618,311');
    expect(formatShare(0.0482, 'en')).toBe('4.8%');
    expect(formatShare(0.0482, 'th')).toBe('4.8%');
    expect(formatDecimal(0.01234, 'en', 3)).toBe('0.012');
    expect(formatCount(null, 'en')).toBe('–');
  });

  it('counts survey years in the Buddhist era for Thai readers', () => {
    expect(formatYear(2022, 'th')).toBe('พ.ศ. 2565');
    expect(formatYear(2022, 'en')).toBe('2022');
  });

  it('dates Thai text in the Buddhist calendar', () => {
    const d = new Date('2023-06-15T03:00:00Z');
    expect(formatDate(d, 'th')).toContain('2566');
    expect(formatDate(d, 'en')).toContain('2023');
  });

  it('prints coordinates latitude first with five decimals', () => {
    expect(formatCoordinates(13.7563309, 100.5017651, 'en')).toBe('13.75633, 100.50177');
  });
});

describe('measures', () => {
  it('names the censored headcount of an indicator as such (the tiles carry it, not the plain failing share)', () => {
    expect(findMeasure(measures, 'hc_income_threshold')?.label('en')).toMatch(/38,000.*censored headcount$/);
    expect(findMeasure(measures, 'target_share')?.label('th')).toBe('สัดส่วนครัวเรือนเป้าหมาย');
  });

  it('offers night lights only when the tiles carry them', () => {
    expect(availableMeasures(measures, null).some((m) => m.id === 'nightlight_mean')).toBe(false);
    expect(availableMeasures(measures, ['target_share', 'nightlight_mean']).map((m) => m.id)).toEqual(['target_share', 'nightlight_mean']);
  });
});

describe('levels and zoom', () => {
  it('follows the tile contract', () => {
    expect(levelAtZoom(levels, 5.9)).toBe('province');
    expect(levelAtZoom(levels, 7)).toBe('district');
    expect(levelAtZoom(levels, 10.99)).toBe('subdistrict');
    expect(levelAtZoom(levels, 14)).toBe('village');
    expect(zoomRangeForChildrenOf(levels, 'province')).toEqual([7, 8.99]);
    expect(zoomRangeForChildrenOf(levels, 'country')).toEqual([0, 6.99]);
  });
});

describe('household filter and tile URLs', () => {
  it('names the area parameter by the code length', () => {
    expect(areaParam(levels, '34')).toBe('province');
    expect(areaParam(levels, '340101')).toBe('subdistrict');
    expect(areaParam(levels, '345')).toBeNull();
    const f = withArea(levels, { province: '10', card: 'with' }, '34010101');
    expect(f).toEqual({ card: 'with', village: '34010101' });
    expect(areaOf(levels, f)).toBe('34010101');
    expect(householdQuery(f, 2022, { limit: 50 })).toBe('card=with&village=34010101&year=2022&limit=50');
  });

  it('sets the year on tile URL templates without touching the placeholders', () => {
    const tj = { tilejson: '3.0.0', tiles: ['http://127.0.0.1:3000/tiles/areas/{z}/{x}/{y}.mvt?year=2022'], minzoom: 0, maxzoom: 14 };
    expect(tileUrlsForYear(tj, 2023)).toEqual(['http://127.0.0.1:3000/tiles/areas/{z}/{x}/{y}.mvt?year=2023']);
  });
});
