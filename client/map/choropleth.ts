/**
 * Colours the areas by the chosen measure. Class breaks come from the server, computed over every
 * area of the shown level with the published figures (GET /api/choropleth/breaks), so the classes
 * and the legend are the same whatever tiles are loaded, at every zoom of a level and in every
 * browser; they are asked for again when the measure, method, year or level changes. The selected
 * area's children stay opaque and the rest fades, which changes no colour's meaning.
 */
import type { ExpressionSpecification, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { fetchBreaks } from '../api/areas.js';
import type { ClassRange, LevelBand } from '../api/types.js';
import { AREAS_LAYER, AREAS_SOURCE, CROSSED_LAYERS, FILL_LAYER } from './area-layers.js';
import { COLORS } from './colors.js';
import { tileWithholds } from '../i18n/withheld.js';
import { classFillColor, type ClassStyle } from './hotspot-views.js';
import { isBelow, levelAtZoom, type MapLevel } from './levels.js';
import type { Measure } from './measures.js';
import { fillColor, fillOpacity, rampFor } from './paint.js';
import type { ClassMethod } from '../state/url-state.js';

export const CLASS_COUNT = 5;

export interface Focus {
  /** Codes of the selected area's children, drawn at `level`. */
  codes: string[] | null;
  level: MapLevel | null;
  /** The selected area's code, to fade areas outside it at deeper levels. */
  prefix: string | null;
}

export interface LegendInfo {
  measure: Measure;
  method: ClassMethod;
  level: MapLevel;
  year: number;
  breaks: number[];
  colors: string[];
  /** Per class: the smallest and largest value of its areas (from the server), and their number. */
  ranges: ClassRange[];
  /** Areas of the level the classes were computed from (all of them, not just those on screen). */
  count: number;
  suppressed: number;
  /** Areas whose value of the measure is withheld (counted, never shown as a 0). */
  withheld: number;
  /** Class views (Gi*, local Moran): every class with the number of areas in it on screen. */
  classes?: Array<ClassStyle & { count: number }>;
  /** An overlay drawn over the areas in colours of its own: the classes are not shown meanwhile. */
  hiddenBy?: string;
  /** The data versions the classes were computed from (printed on the report). */
  dataVersion?: string;
}

export class Choropleth {
  private levels: readonly LevelBand[] = [];
  private measure: Measure | null = null;
  private method: ClassMethod = 'quantile';
  private year = 0;
  private focus: Focus = { codes: null, level: null, prefix: null };
  private key = '';
  private pending = 0;
  private painted = false;
  private markPending = false;
  private resolvePainted!: () => void;
  /**
   * Settles with the first frame drawn in classed colours: what comes after the first paint (names,
   * boundary lines, overlays) waits for it, so it takes no CPU or connection from that paint.
   */
  readonly firstPaint = new Promise<void>((resolve) => (this.resolvePainted = resolve));
  /**
   * A see-through overlay (night lights) would mix its colours with the classes' into colours that
   * mean neither: while it is on, the areas are drawn in one neutral colour and the legend says why.
   */
  private hiddenBy: string | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly onLegend: (info: LegendInfo | null) => void,
  ) {
    map.on('sourcedata', (e) => {
      if (e.sourceId === AREAS_SOURCE && e.isSourceLoaded) this.schedule();
    });
    map.on('moveend', () => this.schedule());
  }

  /** Colour by `measure` of `year`, classed by `method`; `levels` are the server's zoom bands. */
  configure(levels: readonly LevelBand[], measure: Measure, method: ClassMethod, year: number, focus: Focus): void {
    this.levels = levels;
    this.measure = measure;
    this.method = method;
    this.year = year;
    this.focus = focus;
    this.key = '';
    this.schedule();
  }

  /** Hide the classes under an overlay with colours of its own (null shows them again). */
  hideUnder(overlay: string | null): void {
    if (overlay === this.hiddenBy) return;
    this.hiddenBy = overlay;
    this.key = '';
    this.schedule();
  }

  /** The fill colour to set: the classes', or the neutral one under an overlay. */
  private fill(expression: ExpressionSpecification): ExpressionSpecification | string {
    return this.hiddenBy ? COLORS.underOverlay : expression;
  }

  /**
   * Recompute now rather than at the next animation frame. At style load, with the breaks already
   * here (prefetchBreaks), this sets the classed colours before MapLibre's first frame, so the tiles
   * are parsed once with them: set a frame later, the data-driven fill colour meant a new parse of
   * every tile and a new shader, two more frames before the first coloured one.
   */
  updateNow(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.update();
  }

  /** Recompute after the current burst of tile events, once per animation frame. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.update();
    });
  }

  /**
   * The first frame drawn with classed colours and every tile of the view in it: what the
   * first-paint benchmark waits for. A frame drawn once the colours are set but before the tiles
   * have arrived shows the sea and an empty country, not the choropleth, so it does not count; the
   * tiles' arrival makes MapLibre draw again, and that frame is checked the same way.
   */
  private markFirstPaint(): void {
    if (this.painted || this.markPending) return;
    this.markPending = true;
    performance.mark('povmap:classes-set');
    const onRender = () => {
      // 'render' follows the drawing of a frame, in the same task: the tiles' states are the drawn ones
      if (this.painted || !this.map.isSourceLoaded(AREAS_SOURCE)) return;
      this.map.off('render', onRender);
      this.painted = true;
      performance.mark('povmap:choropleth-painted');
      this.map.getContainer().dataset.choropleth = 'painted';
      this.resolvePainted();
    };
    this.map.on('render', onRender);
    this.map.triggerRepaint();
  }

  private update(): void {
    const measure = this.measure;
    if (!measure || !this.map.getLayer(FILL_LAYER)) return;
    const level = levelAtZoom(this.levels, this.map.getZoom());
    const inFocusLevel = this.focus.codes && this.focus.level === level;
    const focusCodes = inFocusLevel ? this.focus.codes : null;
    const focusPrefix = !inFocusLevel && this.focus.prefix && prefixApplies(this.levels, this.focus.level, level) ? this.focus.prefix : null;
    if (measure.classes) {
      const features = this.map.querySourceFeatures(AREAS_SOURCE, { sourceLayer: AREAS_LAYER }) as MapGeoJSONFeature[];
      this.updateClasses(measure, measure.classes, level, features, focusCodes, focusPrefix);
      return;
    }
    const key = [measure.id, this.method, level, this.year, focusCodes?.length ?? '', focusPrefix ?? '', this.hiddenBy ?? ''].join('|');
    if (key === this.key) return;
    this.key = key;
    void this.applyBreaks(key, measure, level, focusCodes, focusPrefix);
  }

  /**
   * The legend of the classes now drawn. The first one waits for the first painted frame: writing
   * it (number formats, layout) before that frame would hold the map's colours back by as long.
   */
  private legendAfterPaint(key: string, info: LegendInfo): void {
    if (this.painted) {
      this.onLegend(info);
      return;
    }
    void this.firstPaint.then(() => {
      if (this.key === key) this.onLegend(info);
    });
  }

  private async applyBreaks(key: string, measure: Measure, level: MapLevel, focusCodes: string[] | null, focusPrefix: string | null): Promise<void> {
    const asked = breaksFor(measure, this.method, level, this.year);
    // Until the new classes arrive (the server's first answer for a level can take seconds), the
    // old colours and legend would describe another measure, year or level: show neither. A cached
    // answer resolves before the next frame, so nothing flickers then.
    let arrived = false;
    void asked.then(() => (arrived = true), () => undefined);
    await Promise.resolve();
    if (!arrived && this.key === key) {
      this.map.setPaintProperty(FILL_LAYER, 'fill-color', COLORS.noData);
      this.onLegend(null);
    }
    let answer;
    try {
      answer = await asked;
    } catch {
      if (this.key === key) this.key = ''; // asked again at the next tile event or move
      return;
    }
    if (this.key !== key) return;
    this.showCrossed(measure.diverging === true);
    const base = {
      measure, method: this.method, level, year: this.year, count: answer.areas, suppressed: answer.suppressed, withheld: answer.withheld,
      dataVersion: answer.data_version,
      ...(this.hiddenBy ? { hiddenBy: this.hiddenBy } : {}),
    };
    if (answer.areas === 0) {
      // no area has a value (a change in the first survey year): say so rather than "loading"
      this.map.setPaintProperty(FILL_LAYER, 'fill-color', COLORS.noData);
      this.markFirstPaint();
      this.legendAfterPaint(key, { ...base, breaks: [], colors: [], ranges: [] });
      return;
    }
    this.map.setPaintProperty(FILL_LAYER, 'fill-color', this.fill(fillColor(measure.id, answer.breaks, measure.ramp)));
    this.map.setPaintProperty(FILL_LAYER, 'fill-opacity', fillOpacity(focusCodes, focusPrefix));
    this.markFirstPaint();
    this.legendAfterPaint(key, { ...base, breaks: answer.breaks, colors: rampFor(answer.breaks, measure.ramp), ranges: answer.ranges });
  }

  /** Class views colour by the class itself; the legend counts the areas of each class on screen. */
  private updateClasses(measure: Measure, classes: readonly ClassStyle[], level: MapLevel, features: MapGeoJSONFeature[],
    focusCodes: string[] | null, focusPrefix: string | null): void {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    let suppressed = 0;
    let withheld = 0;
    for (const f of features) {
      const p = f.properties;
      const code = String(p.code ?? f.id);
      if (p.level !== level || seen.has(code)) continue;
      seen.add(code);
      if (p.suppressed === true) suppressed++;
      else if (tileWithholds(p, measure.id)) withheld++;
      else if (p[measure.id] != null) counts.set(String(p[measure.id]), (counts.get(String(p[measure.id])) ?? 0) + 1);
    }
    const count = [...counts.values()].reduce((a, b) => a + b, 0);
    const key = [measure.id, level, this.year, this.hiddenBy ?? '', focusCodes?.length ?? '', focusPrefix ?? '', ...classes.map((c) => counts.get(c.value) ?? 0), suppressed, withheld].join('|');
    if (key === this.key) return;
    this.key = key;
    this.showCrossed(false);
    if (count === 0) {
      this.onLegend(null);
      return;
    }
    this.map.setPaintProperty(FILL_LAYER, 'fill-color', this.fill(classFillColor(measure.id, classes)));
    this.map.setPaintProperty(FILL_LAYER, 'fill-opacity', fillOpacity(focusCodes, focusPrefix));
    this.markFirstPaint();
    this.legendAfterPaint(key, {
      measure, method: this.method, level, year: this.year, breaks: [], colors: classes.map((c) => c.color), ranges: [], count, suppressed, withheld,
      ...(this.hiddenBy ? { hiddenBy: this.hiddenBy } : {}),
      classes: classes.map((c) => ({ ...c, count: counts.get(c.value) ?? 0 })),
    });
  }

  /** The outlines of areas that crossed the national share belong to the change view only. */
  private showCrossed(visible: boolean): void {
    for (const id of CROSSED_LAYERS) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }
}

/**
 * Ask for the class breaks of `level` before the map exists, and wait for them at most `waitMs`:
 * the answer is kept (api/areas.ts), so a map made after it has its colours before its first frame.
 * Frames delay the answer's arrival in the page (its body is read between them, and a first frame
 * of software WebGL takes hundreds of milliseconds), so it is awaited before the map is made, not
 * raced against it. A slow answer (a cold server) is left to arrive later: the map does not wait
 * longer for it. Class views (measure.classes) need no breaks.
 */
export async function prefetchBreaks(measure: Measure, method: ClassMethod, level: MapLevel, year: number, waitMs: number): Promise<void> {
  if (measure.classes) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    breaksFor(measure, method, level, year).catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
  ]);
  clearTimeout(timer);
}

/** The breaks a measure is classed by. A change is classed around zero whatever the method: the sign is what the reader looks for. */
function breaksFor(measure: Measure, method: ClassMethod, level: MapLevel, year: number) {
  return measure.diverging
    ? fetchBreaks(level, year, measure.id, 'symmetric', measure.ramp.length)
    : fetchBreaks(level, year, measure.id, method, CLASS_COUNT);
}

/** Codes nest by prefix below the focus level (mostly: a few old subdistrict codes do not). */
function prefixApplies(levels: readonly LevelBand[], focusLevel: MapLevel | null, shown: MapLevel): boolean {
  return focusLevel != null && isBelow(levels, shown, focusLevel);
}
