/**
 * What is on screen, as a value, and its one spelling in the URL. Every view (map camera, selected
 * area, year, measure, overlays, language, the household filter) is read from here so that a reload
 * or a shared link shows the same thing, and back/forward walk through real states.
 *
 * Paths: `/` (the country), `/area/{code}` (a selected area), `/area/{code}/report` (its printable
 * report, A4), `/area/{code}/dashboard` (its dashboard: urgent issues, potential, progress; the country's
 * is `/area/TH/dashboard`), `/households` (the analyst's screen).
 * Query: year, measure, classes, lang, layers, at=zoom/lat/lon, pin=lat,lon, and on /households the
 * API's own filter names. Defaults are left out so the common links stay short.
 */
export type Route = 'map' | 'households' | 'dashboard';
export type Lang = 'th' | 'en';
export type ClassMethod = 'quantile' | 'jenks';

export interface Camera {
  zoom: number;
  lat: number;
  lon: number;
}

export interface Point {
  lat: number;
  lon: number;
}

/**
 * The analyst screen's filter, named exactly as the API's query parameters: the household search's,
 * the person search's (group, age_band, sex, disabled; card and the area are shared), and `show`
 * (`people` lists people instead of households).
 */
export const HOUSEHOLD_FILTER_KEYS = [
  'province', 'district', 'subdistrict', 'village', 'dims_any', 'dims_all', 'indicators', 'card',
  'failed_count', 'vulnerability', 'logbook', 'finance', 'sort', 'show', 'group', 'age_band', 'sex', 'disabled',
] as const;
export type HouseholdFilterKey = (typeof HOUSEHOLD_FILTER_KEYS)[number];
export type HouseholdFilter = Partial<Record<HouseholdFilterKey, string>>;

export interface ViewState {
  route: Route;
  /** Selected area code; 'TH' is the whole country. */
  area: string;
  /** Survey year; null means the server's default year. */
  year: number | null;
  measure: string;
  classes: ClassMethod;
  lang: Lang;
  /** Overlay layer ids that are switched on, in a stable order. */
  layers: string[];
  /** Where the map looks; null means "frame the selected area". */
  camera: Camera | null;
  /** A household shown on the map (from the analyst's table). */
  pin: Point | null;
  households: HouseholdFilter;
  /** The area's printable report (A4) rather than the interactive map. */
  report: boolean;
}

export const DEFAULT_MEASURE = 'target_share';

export const DEFAULT_STATE: ViewState = {
  route: 'map',
  area: 'TH',
  year: null,
  measure: DEFAULT_MEASURE,
  classes: 'quantile',
  lang: 'th',
  layers: [],
  camera: null,
  pin: null,
  households: {},
  report: false,
};

const AREA_CODE = /^(TH|[0-9]{2}([0-9]{2}){0,3})$/;
const MEASURE = /^[a-z][a-z0-9_]*$/;
const LAYER = /^[a-z][a-z0-9_-]*$/;

function num(s: string | null | undefined): number | null {
  if (s == null || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function parseCamera(s: string | null): Camera | null {
  if (!s) return null;
  const [z, lat, lon] = s.split('/').map(num);
  if (z == null || lat == null || lon == null) return null;
  if (z < 0 || z > 24 || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return null;
  return { zoom: z, lat, lon };
}

function parsePoint(s: string | null): Point | null {
  if (!s) return null;
  const [lat, lon] = s.split(',').map(num);
  if (lat == null || lon == null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/** Read a URL (anything with pathname and search). Unknown or malformed parts fall back to defaults. */
export function parseUrl(url: { pathname: string; search: string }): ViewState {
  const q = new URLSearchParams(url.search);
  const parts = url.pathname.split('/').filter(Boolean);
  let route: Route = 'map';
  let area = 'TH';
  let report = false;
  if (parts[0] === 'households') route = 'households';
  else if (parts[0] === 'area' && parts[1] && AREA_CODE.test(decodeURIComponent(parts[1]))) {
    area = decodeURIComponent(parts[1]);
    report = parts[2] === 'report';
    if (parts[2] === 'dashboard') route = 'dashboard';
  }

  const year = num(q.get('year'));
  const measure = q.get('measure');
  const households: HouseholdFilter = {};
  if (route === 'households') {
    for (const key of HOUSEHOLD_FILTER_KEYS) {
      const v = q.get(key);
      if (v != null && v !== '') households[key] = v;
    }
  }
  return {
    route,
    area,
    year: year != null && Number.isInteger(year) && year > 1900 && year < 2200 ? year : null,
    measure: measure && MEASURE.test(measure) ? measure : DEFAULT_MEASURE,
    classes: q.get('classes') === 'jenks' ? 'jenks' : 'quantile',
    lang: q.get('lang') === 'en' ? 'en' : 'th',
    layers: [...new Set((q.get('layers') ?? '').split(',').filter((l) => LAYER.test(l)))].sort(),
    camera: parseCamera(q.get('at')),
    pin: parsePoint(q.get('pin')),
    households,
    report,
  };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The path and query of a state: the inverse of parseUrl for every valid state. */
export function formatUrl(state: ViewState): string {
  const path = state.route === 'households' ? '/households'
    : state.route === 'dashboard' ? `/area/${state.area}/dashboard`
    : state.report ? `/area/${state.area}/report`
    : state.area === 'TH' ? '/' : `/area/${state.area}`;
  const q = new URLSearchParams();
  if (state.year != null) q.set('year', String(state.year));
  if (state.measure !== DEFAULT_MEASURE) q.set('measure', state.measure);
  if (state.classes !== 'quantile') q.set('classes', state.classes);
  if (state.lang !== 'th') q.set('lang', state.lang);
  if (state.layers.length) q.set('layers', [...state.layers].sort().join(','));
  if (state.camera) q.set('at', `${round(state.camera.zoom, 2)}/${round(state.camera.lat, 5)}/${round(state.camera.lon, 5)}`);
  if (state.pin) q.set('pin', `${round(state.pin.lat, 6)},${round(state.pin.lon, 6)}`);
  if (state.route === 'households') {
    for (const key of HOUSEHOLD_FILTER_KEYS) {
      const v = state.households[key];
      if (v != null && v !== '') q.set(key, v);
    }
  }
  const query = q.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
  return query ? `${path}?${query}` : path;
}

/** A new state with some fields changed; choosing another area or year forgets the old camera. */
export function withChanges(state: ViewState, patch: Partial<ViewState>): ViewState {
  const next = { ...state, ...patch };
  if (patch.camera === undefined && (('area' in patch && patch.area !== state.area) || ('route' in patch && patch.route !== state.route))) {
    next.camera = null;
  }
  return next;
}
