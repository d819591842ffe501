/**
 * The map on screen: it follows the view state (year, measure, selected area, overlays, camera,
 * pin) and turns clicks into new states. It never keeps its own idea of what is selected: a click
 * navigates, and the store's new state comes back here like a link or the back button would.
 */
// named imports, not the namespace: the bundler keeps only the parts of MapLibre used here
import { AttributionControl, Map as MapLibreMap, NavigationControl, Popup, ScaleControl } from 'maplibre-gl';
import type { LngLat, MapGeoJSONFeature, Point } from 'maplibre-gl';
import { fetchArea, fetchChildren } from '../api/areas.js';
import type { AreaLevel, AreaSummary, LevelBand, TileJson } from '../api/types.js';
import { showPin } from '../layers/household-pin.js';
import type { Overlay } from '../layers/overlay.js';
import type { Store } from '../state/store.js';
import type { ViewState } from '../state/url-state.js';
import { addBoundaryLayers, FILL_LAYER, SELECTED_LAYER, setAreaYear, withChoropleth } from './area-layers.js';
import { baseStyle, loadBasemap } from './base-style.js';
import { cameraOf, FRAME_PADDING, frameArea, sameCamera, THAILAND_BBOX } from './camera.js';
import { AreaLabels } from './area-labels.js';
import { Choropleth, prefetchBreaks, type LegendInfo } from './choropleth.js';
import { installHover } from './hover.js';
import { childLevel, levelAtZoom, levelOfCode } from './levels.js';
import { findMeasure, type Measure } from './measures.js';
import type { TileLayerInfo } from './tiles.js';

/** How long the basemap waits for a first coloured frame before it loads anyway. */
const BASEMAP_WAIT_MS = 5000;

export interface MapViewOptions {
  container: HTMLElement;
  tooltip: HTMLElement;
  store: Store;
  onLegend(info: LegendInfo | null): void;
  onZoom(zoom: number): void;
  /** The overlays arrived (after the first paint): the layer list can show them. */
  onOverlays(): void;
  /** The choropleth's TileJSON: its source and layers are in the style the map is created with. */
  areas: TileJson;
  /** The server's definitions, known before the map is created (both are preloaded by index.html). */
  definitions: MapDefinitions;
}

/** What the map needs of the server's definitions (GET /api/meta): the measures and the levels' zoom bands. */
export interface MapDefinitions {
  measures: readonly Measure[];
  levels: readonly LevelBand[];
}

/** How long the map, before it is made, waits at most for the class breaks of its first view. */
const FIRST_BREAKS_WAIT_MS = 500;

/**
 * Ask for the class breaks of the view the map opens on, and wait for them (at most
 * FIRST_BREAKS_WAIT_MS) before the map is made (map/choropleth.ts prefetchBreaks): the country's
 * first level (the country view is framed in its zoom band), or the level at a linked camera's
 * zoom. An area linked without a camera is framed by apply(), which asks for its own breaks.
 */
export function firstBreaks({ store, areas, definitions }: Pick<MapViewOptions, 'store' | 'areas' | 'definitions'>): Promise<void> {
  const state = store.state;
  const firstLevel = childLevel(definitions.levels, 'country');
  if (state.area !== 'TH' || !firstLevel) return Promise.resolve();
  const level = state.camera ? levelAtZoom(definitions.levels, state.camera.zoom) : firstLevel;
  return prefetchBreaks(measureOf(definitions, state), state.classes, level, firstYear(state, areas), FIRST_BREAKS_WAIT_MS);
}

/** The year the map opens on: the URL's, else the server's default (the TileJSON carries it). */
function firstYear(state: ViewState, areas: TileJson): number {
  return state.year ?? (areas as TileJson & { year?: number }).year ?? 0;
}

/** The measure a state asks for, or the first one when the URL names none the server has. */
function measureOf(definitions: MapDefinitions, state: ViewState): Measure {
  return findMeasure(definitions.measures, state.measure) ?? definitions.measures[0];
}

export class MapView {
  readonly map: MapLibreMap;
  overlays: Array<{ overlay: Overlay; info: TileLayerInfo }> = [];
  private readonly choropleth: Choropleth;
  private readonly labels: AreaLabels;
  private tiles = new Map<string, TileLayerInfo>();
  private readonly definitions: MapDefinitions;
  private defaultYear = 0;
  private year = 0;
  private applied: ViewState | null = null;
  /**
   * The area whose frame the camera is to show: from the moment the area is chosen (its box is not
   * known yet) until the camera lands on it, no move is the user's, so none is written to the URL.
   * A move in that time (the first resize, tiles arriving) would otherwise be taken for the user's
   * camera and the link would stay on the country (`/area/9604` without `at=`).
   */
  private framing: string | null = null;
  /** The framing move has started (frame() was called): its moveend is the landing. */
  private flying = false;
  private popup: Popup | null = null;

  constructor(private readonly options: MapViewOptions) {
    const { store, areas } = options;
    this.definitions = options.definitions;
    this.year = firstYear(store.state, areas);
    const camera = store.state.camera;
    this.map = new MapLibreMap({
      container: options.container,
      style: withChoropleth(baseStyle(), areas, this.year),
      // the style and every layer added are written in this folder and checked by its type:
      // validating them again in the browser is time before the first paint
      validateStyle: false,
      ...(camera ? { center: [camera.lon, camera.lat], zoom: camera.zoom } : { bounds: THAILAND_BBOX, fitBoundsOptions: { padding: FRAME_PADDING } }),
      minZoom: 3.5,
      maxZoom: 16,
      maxBounds: [[85, -8], [120, 30]],
      attributionControl: false,
      // kept after each frame so the report can copy the map into a picture (printing a WebGL
      // canvas otherwise gives a blank map)
      canvasContextAttributes: { preserveDrawingBuffer: true },
      dragRotate: false,
      pitchWithRotate: false,
    });
    performance.mark('povmap:map-created');
    // The country view's frame holds the zoom in the band where provinces are drawn (apply() frames
    // it so): going there now, before the style is parsed, means no tile is asked for at the fitted
    // zoom only to be left at once, and the class breaks below are those of the level drawn.
    if (!camera && store.state.area === 'TH') frameArea(this.map, this.definitions.levels, THAILAND_BBOX, 'country', false);
    this.choropleth = new Choropleth(this.map, options.onLegend);
    // The neighbours and the outline after the first coloured frame (map/base-style.ts), or after
    // BASEMAP_WAIT_MS when no choropleth is drawn (no figures for the view, an error).
    void Promise.race([this.choropleth.firstPaint, new Promise((resolve) => setTimeout(resolve, BASEMAP_WAIT_MS))]).then(() => loadBasemap(this.map));
    // The colours are set as soon as the style is parsed (the choropleth's layers exist from then
    // on), before MapLibre's first frame: the class breaks of the first view were asked for before
    // the map was made (firstBreaks) and are here, so the tiles are parsed once, in classed colours.
    this.map.once('style.load', () => {
      performance.mark('povmap:style-load');
      if (!this.applied) {
        const state = store.state;
        this.choropleth.configure(this.definitions.levels, this.measure(state), state.classes, this.year, { codes: null, level: null, prefix: null });
      }
      this.choropleth.updateNow();
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.map.addControl(new AttributionControl({ compact: true, customAttribution: 'Natural Earth · povmap' }), 'bottom-right');
    this.labels = new AreaLabels(this.map, () => this.definitions.levels, () => store.state.lang, this.choropleth.firstPaint);
    installHover(this.map, options.tooltip, {
      lang: () => store.state.lang,
      measure: () => this.measure(store.state),
      overSymbol: (point) => {
        const layers = this.overlays.filter(({ overlay }) => store.state.layers.includes(overlay.id))
          .flatMap(({ overlay }) => overlay.clickableLayers).filter((l) => this.map.getLayer(l));
        return layers.length > 0 && this.map.queryRenderedFeatures([point.x, point.y], { layers }).length > 0;
      },
    });
    this.map.on('click', (e) => this.onClick(e.point, e.lngLat));
    this.map.on('moveend', () => this.onMoveEnd());
    this.map.on('zoomend', () => options.onZoom(this.map.getZoom()));
    this.map.on('idle', () => this.reportRendered());
    // Tests and benchmarks wait for a settled map through this attribute, not for a fixed time.
    for (const busy of ['movestart', 'dataloading'] as const) this.map.on(busy, () => delete options.container.dataset.idle);
  }

  /** Settles with the first frame drawn in classed colours (map/choropleth.ts). */
  get firstPaint(): Promise<void> {
    return this.choropleth.firstPaint;
  }

  /**
   * Boundaries and overlays, once the catalogue and the default year are known, and after the first
   * painted choropleth (or at once when the link switches an overlay on): their tiles and code would
   * otherwise compete with the choropleth's for the network, the tile worker and the main thread.
   */
  async attachRest(tiles: Map<string, TileLayerInfo>, defaultYear: number): Promise<void> {
    this.tiles = tiles;
    this.defaultYear = defaultYear;
    if (!this.options.store.state.layers.length) await this.choropleth.firstPaint;
    const { OVERLAYS } = await import('../layers/registry.js');
    addBoundaryLayers(this.map, tiles.get('boundaries'), this.year);
    const overlays = OVERLAYS.flatMap((overlay) => {
      const info = tiles.get(overlay.id);
      return info ? [{ overlay, info }] : [];
    });
    for (const { overlay, info } of overlays) overlay.add(this.map, info, this.year);
    this.overlays = overlays;
    this.showOverlays(this.options.store.state);
    this.options.onOverlays();
  }

  /** Overlays and the selected area's outline as the state says (each a no-op before it is added). */
  private showOverlays(state: ViewState): void {
    for (const { overlay } of this.overlays) overlay.setVisible(this.map, state.layers.includes(overlay.id));
    this.choropleth.hideUnder(this.overlays.find(({ overlay }) => overlay.ownColours && state.layers.includes(overlay.id))?.overlay.id ?? null);
    if (this.map.getLayer(SELECTED_LAYER)) this.map.setFilter(SELECTED_LAYER, ['==', ['get', 'code'], state.area]);
  }

  measure(state: ViewState): Measure {
    return measureOf(this.definitions, state);
  }

  /** Bring the map in line with a state. `area` is the selected area's summary once it has arrived. */
  async apply(state: ViewState): Promise<void> {
    const prev = this.applied;
    this.applied = state;
    const year = state.year ?? this.defaultYear;
    if (year !== this.year) {
      this.year = year;
      setAreaYear(this.map, this.tiles, year);
      for (const { overlay, info } of this.overlays) overlay.setYear(this.map, info, year);
    }
    this.showOverlays(state);
    void showPin(this.map, state.pin);
    if (!prev || prev.lang !== state.lang) void this.labels.update();

    const areaChanged = !prev || prev.area !== state.area;
    // From here until the camera lands on the new area, camera moves are not the user's.
    if (!state.camera && areaChanged) {
      this.framing = state.area;
      this.flying = false;
    }
    if (state.camera) {
      const target = state.camera;
      this.framing = null;
      if (!sameCamera(cameraOf(this.map), target)) {
        this.map.jumpTo({ center: [target.lon, target.lat], zoom: target.zoom });
      }
    }
    // Focus (and class breaks) follow the selected area's children.
    const { levels } = this.definitions;
    const level = levelOfCode(levels, state.area);
    const children = childLevel(levels, level);
    let codes: string[] | null = null;
    if (state.area !== 'TH' && children) {
      try {
        codes = (await fetchChildren(state.area, year)).children.map((c) => c.code);
      } catch {
        codes = null; // The panel reports API errors; the map still colours all areas.
      }
    }
    if (this.applied !== state) return;
    this.choropleth.configure(levels, this.measure(state), state.classes, year, {
      codes,
      level: children ?? (level === 'country' ? null : level),
      prefix: state.area === 'TH' ? null : state.area,
    });
    if (!state.camera && (areaChanged || prev?.camera)) {
      if (state.area === 'TH') {
        this.frame(state.area, THAILAND_BBOX, 'country', prev != null);
      } else {
        let area: AreaSummary | null = null;
        try {
          area = await fetchArea(state.area, year);
        } catch {
          // Shown in the panel.
        }
        if (this.applied !== state) return;
        if (area?.bbox) this.frame(state.area, area.bbox as [number, number, number, number], area.level, prev != null);
        else this.framing = null; // nothing to fly to: the camera stays, and is the user's again
      }
    }
  }

  private frame(code: string, bbox: [number, number, number, number], level: AreaLevel, animate: boolean): void {
    this.framing = code;
    this.flying = true;
    frameArea(this.map, this.definitions.levels, bbox, level, animate);
    if (!animate) this.onMoveEnd();
  }

  private onMoveEnd(): void {
    const state = this.options.store.state;
    if (state.route !== 'map' || !this.applied) return;
    if (this.framing) {
      // before the frame starts, or on the way to another area: not the user's camera
      if (!this.flying || this.framing !== state.area) return;
      this.framing = null;
      this.flying = false;
    }
    const camera = cameraOf(this.map);
    if (state.camera && sameCamera(state.camera, camera)) return;
    this.options.store.navigate({ camera }, { replace: true });
  }

  private onClick(point: Point, lngLat: LngLat): void {
    const state = this.options.store.state;
    for (const { overlay } of this.overlays) {
      if (!state.layers.includes(overlay.id)) continue;
      const layers = overlay.clickableLayers.filter((l) => this.map.getLayer(l));
      const hit = layers.length ? this.map.queryRenderedFeatures(point, { layers })[0] : undefined;
      if (hit) {
        this.popup?.remove();
        this.popup = new Popup({ closeButton: true, maxWidth: '280px' })
          .setLngLat(lngLat)
          .setDOMContent(overlay.popup(hit as MapGeoJSONFeature, state.lang))
          .addTo(this.map);
        return;
      }
    }
    const area = this.map.queryRenderedFeatures(point, { layers: [FILL_LAYER] })[0];
    const code = area?.properties.code as string | undefined;
    if (code && code !== state.area) this.options.store.navigate({ area: code, pin: null });
  }

  /** What is drawn, for people (the legend) and for tests and benchmarks (data attributes). */
  private reportRendered(): void {
    const el = this.options.container;
    const features = this.map.getLayer(FILL_LAYER) ? this.map.queryRenderedFeatures({ layers: [FILL_LAYER] }) : [];
    const { levels } = this.definitions;
    if (levels.length) el.dataset.level = levelAtZoom(levels, this.map.getZoom());
    el.dataset.renderedAreas = String(new Set(features.map((f) => f.id)).size);
    const services = this.overlays.flatMap(({ overlay }) => overlay.clickableLayers).filter((l) => this.map.getLayer(l));
    el.dataset.renderedOverlays = String(services.length ? this.map.queryRenderedFeatures({ layers: services }).length : 0);
    el.dataset.idle = '1';
    if (el.dataset.choropleth === 'painted' && !performance.getEntriesByName('povmap:map-settled').length) performance.mark('povmap:map-settled');
  }

  /**
   * The map as it is on screen, names included, as one PNG picture: what the printed report shows
   * (a picture prints; a WebGL canvas may not).
   */
  snapshot(): string {
    const base = this.map.getCanvas();
    const out = document.createElement('canvas');
    out.width = base.width;
    out.height = base.height;
    const ctx = out.getContext('2d')!;
    ctx.drawImage(base, 0, 0);
    // deck.gl draws the names on a canvas of its own over the map's
    for (const c of this.options.container.querySelectorAll('canvas')) {
      if (c !== base && c.width > 0 && c.height > 0) ctx.drawImage(c, 0, 0, out.width, out.height);
    }
    return out.toDataURL('image/png');
  }

  resize(): void {
    this.map.resize();
  }
}
