import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatUrl, parseUrl, withChanges, type ViewState } from '../../client/state/url-state.js';

const at = (s: string) => {
  const u = new URL(s, 'http://localhost');
  return parseUrl({ pathname: u.pathname, search: u.search });
};

describe('URL state', () => {
  it('reads the bare root as the default view of the country', () => {
    expect(at('/')).toEqual(DEFAULT_STATE);
    expect(formatUrl(DEFAULT_STATE)).toBe('/');
  });

  it('round-trips a full map view', () => {
    const state: ViewState = {
      ...DEFAULT_STATE,
      area: '3401',
      year: 2023,
      measure: 'hc_income_threshold',
      classes: 'jenks',
      lang: 'en',
      layers: ['services'],
      camera: { zoom: 8.25, lat: 15.24, lon: 104.85 },
      pin: { lat: 15.123456, lon: 104.654321 },
    };
    const url = formatUrl(state);
    expect(url).toBe('/area/3401?year=2023&measure=hc_income_threshold&classes=jenks&lang=en&layers=services&at=8.25/15.24/104.85&pin=15.123456,104.654321');
    expect(at(url)).toEqual(state);
  });

  it('reads and writes the dashboard of an area and of the country', () => {
    const s = at('/area/41/dashboard?lang=en&year=2023');
    expect(s).toEqual({ ...DEFAULT_STATE, route: 'dashboard', area: '41', lang: 'en', year: 2023 });
    expect(formatUrl(s)).toBe('/area/41/dashboard?year=2023&lang=en');
    expect(formatUrl({ ...DEFAULT_STATE, route: 'dashboard' })).toBe('/area/TH/dashboard');
    expect(at('/area/TH/dashboard').route).toBe('dashboard');
    // leaving the dashboard for the map of a child is an ordinary map link
    expect(formatUrl(withChanges(s, { route: 'map', area: '4101' }))).toBe('/area/4101?year=2023&lang=en');
  });

  it('keeps the household filter only on the household screen', () => {
    const url = '/households?year=2022&province=34&dims_any=income,health&card=without';
    const s = at(url);
    expect(s.route).toBe('households');
    expect(s.households).toEqual({ province: '34', dims_any: 'income,health', card: 'without' });
    expect(formatUrl(s)).toBe(url);
    expect(at('/area/34?dims_any=income').households).toEqual({});
  });

  it('falls back to defaults for malformed parts instead of failing', () => {
    const s = at('/area/12345?year=abc&measure=DROP%20TABLE&classes=x&lang=fr&layers=ok,../bad&at=1/2&pin=100,2');
    expect(s.area).toBe('TH');
    expect(s.year).toBeNull();
    expect(s.measure).toBe('target_share');
    expect(s.classes).toBe('quantile');
    expect(s.lang).toBe('th');
    expect(s.layers).toEqual(['ok']);
    expect(s.camera).toBeNull();
    expect(s.pin).toBeNull();
  });

  it('sorts and de-duplicates overlay ids so equal views have equal URLs', () => {
    expect(at('/?layers=villages,services,services').layers).toEqual(['services', 'villages']);
  });

  it('forgets the camera when another area is chosen, keeps it for other changes', () => {
    const s = { ...DEFAULT_STATE, camera: { zoom: 6, lat: 14, lon: 100 } };
    expect(withChanges(s, { area: '10' }).camera).toBeNull();
    expect(withChanges(s, { measure: 'm0' }).camera).toEqual(s.camera);
    const pinned = withChanges(s, { area: '10010101', camera: { zoom: 15, lat: 13.7, lon: 100.5 } });
    expect(pinned.camera).toEqual({ zoom: 15, lat: 13.7, lon: 100.5 });
  });
});
