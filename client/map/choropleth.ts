/**
 * Colours the areas by the chosen measure. Class breaks come from the areas the user is looking
 * at: the children of the selected area when they are on screen, otherwise every area of the shown
 * level in the loaded tiles. They are recomputed when the measure, method, year, level or focus
 * changes, or when newly loaded tiles bring areas that were not counted before.
 */
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { jenksBreaks, quantileBreaks, type Breaks } from './class-breaks.js';
import { AREAS_LAYER, AREAS_SOURCE, CROSSED_LAYERS, FILL_LAYER } from './area-layers.js';
import { COLORS } from './colors.js';
import { tileWithholds } from '../i18n/withheld.js';
import { classFillColor, symmetricBreaks, type ClassStyle } from './hotspot-views.js';
import type { LevelBand } from '../api/types.js';
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
  breaks: Breaks;
  colors: string[];
  min: number;
  max: number;
  /** Areas the classes were computed from. */
  count: number;
  suppressed: number;
  /** Areas on screen whose value of the measure is withheld (counted, never shown as a 0). */
  withheld: number;
  /** Class views (Gi*, local Moran): every class with the number of areas in it on screen. */
  classes?: Array<ClassStyle & { count: number }>;
}

export class Choropleth {
  private levels: readonly LevelBand[] = [];
  private measure: Measure | null = null;
  private method: ClassMethod = 'quantile';
  private focus: Focus = { codes: null, level: null, prefix: null };
  private key = '';
  private pending = 0;
  private painted = false;

  constructor(
    private readonly map: MapLibreMap,
    private readonly onLegend: (info: LegendInfo | null) => void,
  ) {
    map.on('sourcedata', (e) => {
      if (e.sourceId === AREAS_SOURCE && e.isSourceLoaded) this.schedule();
    });
    map.on('moveend', () => this.schedule());
  }

  /** Colour by `measure`, classed by `method` over the areas in `focus`; `levels` are the server's zoom bands. */
  configure(levels: readonly LevelBand[], measure: Measure, method: ClassMethod, focus: Focus): void {
    this.levels = levels;
    this.measure = measure;
    this.method = method;
    this.focus = focus;
    this.key = '';
    this.schedule();
  }

  /** Recompute after the current burst of tile events, once per animation frame. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.update();
    });
  }

  /** The first frame drawn with classed colours: what the first-paint benchmark waits for. */
  private markFirstPaint(): void {
    this.map.once('render', () => {
      if (this.painted) return;
      this.painted = true;
      performance.mark('povmap:choropleth-painted');
      this.map.getContainer().dataset.choropleth = 'painted';
    });
    this.map.triggerRepaint();
  }

  private update(): void {
    const measure = this.measure;
    if (!measure || !this.map.getLayer(FILL_LAYER)) return;
    const level = levelAtZoom(this.levels, this.map.getZoom());
    const inFocusLevel = this.focus.codes && this.focus.level === level;
    const focusCodes = inFocusLevel ? this.focus.codes : null;
    const focusPrefix = !inFocusLevel && this.focus.prefix && prefixApplies(this.levels, this.focus.level, level) ? this.focus.prefix : null;

    const features = this.map.querySourceFeatures(AREAS_SOURCE, { sourceLayer: AREAS_LAYER });
    const seen = new Set<string>();
    const all: number[] = [];
    const focused: number[] = [];
    let suppressed = 0;
    let withheld = 0;
    const focusSet = focusCodes ? new Set(focusCodes) : null;
    for (const f of features as MapGeoJSONFeature[]) {
      const p = f.properties;
      const code = String(p.code ?? f.id);
      if (p.level !== level || seen.has(code)) continue;
      seen.add(code);
      if (p.suppressed === true) {
        suppressed++;
        continue;
      }
      if (tileWithholds(p, measure.id)) {
        withheld++;
        continue;
      }
      const v = Number(p[measure.id]);
      if (p[measure.id] == null || !Number.isFinite(v)) continue;
      all.push(v);
      if (focusSet ? focusSet.has(code) : focusPrefix ? code.startsWith(focusPrefix) : false) focused.push(v);
    }
    if (measure.classes) {
      this.updateClasses(measure, measure.classes, level, features as MapGeoJSONFeature[], focusCodes, focusPrefix);
      return;
    }
    const values = focused.length >= 2 ? focused : all;
    // seen.size too: a view where no area has a value (change in the first year) must still notice arriving tiles
    const key = [measure.id, this.method, level, focusCodes?.length ?? '', focusPrefix ?? '', values.length, suppressed, withheld, seen.size].join('|');
    if (key === this.key) return;
    this.key = key;
    this.showCrossed(measure.diverging === true);
    if (values.length === 0 && measure.diverging && seen.size > suppressed) {
      // areas are loaded but none has a change: the first survey year. Say so rather than "loading".
      this.map.setPaintProperty(FILL_LAYER, 'fill-color', COLORS.noData);
      if (!this.painted) this.markFirstPaint();
      this.onLegend({ measure, method: this.method, level, breaks: [], colors: [], min: 0, max: 0, count: 0, suppressed, withheld });
      return;
    }
    if (values.length === 0) {
      this.onLegend(null);
      return;
    }
    // A change is classed around zero whatever the method: the sign is what the reader looks for.
    const breaks = measure.diverging ? symmetricBreaks(values, measure.ramp.length)
      : this.method === 'jenks' ? jenksBreaks(values, CLASS_COUNT) : quantileBreaks(values, CLASS_COUNT);
    this.map.setPaintProperty(FILL_LAYER, 'fill-color', fillColor(measure.id, breaks, measure.ramp));
    this.map.setPaintProperty(FILL_LAYER, 'fill-opacity', fillOpacity(focusCodes, focusPrefix));
    if (!this.painted) this.markFirstPaint();
    this.onLegend({
      measure,
      method: this.method,
      level,
      breaks,
      colors: rampFor(breaks, measure.ramp),
      min: Math.min(...values),
      max: Math.max(...values),
      count: values.length,
      suppressed,
      withheld,
    });
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
    const key = [measure.id, level, focusCodes?.length ?? '', focusPrefix ?? '', ...classes.map((c) => counts.get(c.value) ?? 0), suppressed, withheld].join('|');
    if (key === this.key) return;
    this.key = key;
    this.showCrossed(false);
    if (count === 0) {
      this.onLegend(null);
      return;
    }
    this.map.setPaintProperty(FILL_LAYER, 'fill-color', classFillColor(measure.id, classes));
    this.map.setPaintProperty(FILL_LAYER, 'fill-opacity', fillOpacity(focusCodes, focusPrefix));
    if (!this.painted) this.markFirstPaint();
    this.onLegend({
      measure, method: this.method, level, breaks: [], colors: classes.map((c) => c.color), min: 0, max: 0, count, suppressed, withheld,
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

/** Codes nest by prefix below the focus level (mostly: a few old subdistrict codes do not). */
function prefixApplies(levels: readonly LevelBand[], focusLevel: MapLevel | null, shown: MapLevel): boolean {
  return focusLevel != null && isBelow(levels, shown, focusLevel);
}
