/**
 * Wires the views to the store: every state change (a click, a link, back/forward, a reload)
 * re-renders what depends on it. The views never talk to each other directly.
 * What the map screen's first paint does not need (the household screen, the sign-in dialog, the
 * report's heading, the area dashboard) is imported when first used, so it is a chunk of its own,
 * not start-up code.
 */
import { fetchArea, fetchMeta } from './api/areas.js';
import type { AreaSummary, Household } from './api/types.js';
import { Session } from './auth/session.js';
import { h } from './dom.js';
import { t } from './i18n/messages.js';
import type { LegendInfo } from './map/choropleth.js';
import { firstBreaks, MapView } from './map/map-view.js';
import { availableMeasures, measuresFor } from './map/measures.js';
import { fieldsOf, loadAreasTileJson, loadTileLayers } from './map/tiles.js';
import { renderAreaPanel } from './panels/area-panel.js';
import { renderBreadcrumb } from './panels/breadcrumb.js';
import { renderHeader } from './panels/header.js';
import { renderLayerList } from './panels/layer-list.js';
import { renderLegend } from './panels/legend.js';
import { mountSearchBox } from './panels/search-box.js';
import { Store } from './state/store.js';
import type { ViewState } from './state/url-state.js';

/** How long the map screen's panels wait at most for the first painted choropleth. */
const UI_WAIT_MS = 5000;

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from index.html`);
  return e;
}

export async function startApp(): Promise<void> {
  performance.mark('povmap:app-start');
  const store = new Store();
  const session = new Session();
  const ui = {
    header: byId('header'),
    mapScreen: byId('map-screen'),
    map: byId('map'),
    tooltip: byId('tooltip'),
    search: byId('search'),
    breadcrumb: byId('breadcrumb'),
    legend: byId('legend'),
    layers: byId('layers'),
    panel: byId('panel'),
    households: byId('households-screen'),
    dashboard: byId('dashboard-screen'),
    reportHead: byId('report-head'),
  };
  document.documentElement.lang = store.state.lang;

  // The choropleth's TileJSON and the server's definitions (GET /api/meta: indicators, dimensions,
  // levels and zoom bands) are preloaded by index.html and are here by the time this script runs:
  // the map is created with the choropleth in its style, so its tiles are asked for with the
  // basemap. The catalogue and the session arrive meanwhile.
  const areasTileJson = loadAreasTileJson();
  const metaLoaded = fetchMeta();
  const measuresLoaded = metaLoaded.then(measuresFor);
  const tilesLoaded = loadTileLayers(areasTileJson);
  const sessionRestored = session.restore();
  const [areas, meta, allMeasures] = await Promise.all([areasTileJson, metaLoaded, measuresLoaded]);
  const defaultYear = meta.default_year;
  if (defaultYear == null) throw new Error(t('no_survey_data', store.state.lang));
  const measures = availableMeasures(allMeasures, fieldsOf(areas, 'areas'));
  const yearOf = (s: ViewState) => (s.year != null && meta.years.includes(s.year) ? s.year : defaultYear);

  const signIn = () => void import('./auth/sign-in.js').then(({ openSignIn }) => openSignIn(session, store.state.lang));
  const drawHeader = () =>
    renderHeader(ui.header, {
      state: store.state,
      measures,
      session,
      setMeasure: (measure) => store.navigate({ measure }),
      setLang: (lang) => store.navigate({ lang }, { replace: false }),
      go: (route) => store.navigate({ route }),
      signIn,
      signOut: () => void session.signOut(),
    });
  const definitions = { measures: allMeasures, levels: meta.levels };
  // asked for before the header is drawn, waited for after: the map is made with its colours here
  const breaksLoaded = firstBreaks({ store, areas, definitions });

  // The header takes its height before the map measures its box: drawn later, it would shrink the
  // map, which would then frame the country again at another zoom and ask for other tiles.
  drawHeader();

  let legend: LegendInfo | null = null;
  let ready = false;
  await breaksLoaded;
  const mapView = new MapView({
    container: ui.map,
    tooltip: ui.tooltip,
    store,
    areas,
    definitions,
    onLegend: (info) => {
      legend = info;
      if (ready) drawLegend();
    },
    onZoom: () => {
      if (ready) drawLayers();
    },
    onOverlays: () => {
      if (ready) drawLayers();
    },
  });
  const [tiles] = await Promise.all([tilesLoaded, sessionRestored]);
  performance.mark('povmap:meta-tiles');

  const drawLegend = () =>
    renderLegend(ui.legend, legend, store.state.lang, (classes) => store.navigate({ classes }));
  const drawLayers = () =>
    renderLayerList(ui.layers, mapView.overlays, store.state.layers, store.state.lang, mapView.map.getZoom(), (id, on) => {
      const layers = on ? [...store.state.layers, id] : store.state.layers.filter((l) => l !== id);
      store.navigate({ layers });
    });

  const search = mountSearchBox(ui.search, store.state.lang, (code) => store.navigate({ route: 'map', area: code, pin: null }));

  let panelFor = '';
  const drawPanel = async (state: ViewState) => {
    const year = yearOf(state);
    const key = `${state.area}|${year}|${state.lang}|${state.measure}|${session.user?.username ?? ''}`;
    if (key === panelFor) return;
    panelFor = key;
    ui.panel.setAttribute('aria-busy', 'true');
    let area: AreaSummary;
    try {
      area = await fetchArea(state.area, year);
    } catch (err) {
      if (panelFor !== key) return;
      ui.panel.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('error', state.lang)}: ${(err as Error).message}`));
      ui.panel.removeAttribute('aria-busy');
      return;
    }
    if (panelFor !== key) return;
    renderBreadcrumb(ui.breadcrumb, area.breadcrumb, area, state.lang, (code) => store.navigate({ area: code, pin: null }));
    renderAreaPanel(ui.panel, area, {
      lang: state.lang,
      year,
      meta,
      measure: mapView.measure(state),
      select: (code) => store.navigate({ area: code, pin: null }),
      setYear: (y) => store.navigate({ year: y === defaultYear ? null : y }),
      openReport: () => store.navigate({ report: true, camera: null }),
      openDashboard: () => store.navigate({ route: 'dashboard', report: false, camera: null }),
      analyst: session.user?.role === 'analyst' || session.user?.role === 'admin',
    });
    // a new area opens at the top of its panel (and, on a phone, with the map in view again)
    if (ui.panel.dataset.area !== area.code) {
      ui.panel.scrollTop = 0;
      if (window.scrollY > 0) window.scrollTo({ top: 0 });
    }
    ui.panel.dataset.area = area.code;
    ui.panel.removeAttribute('aria-busy');
    if (state.report) void prepareReport(area, key);
  };

  const openDashboard = () => store.navigate({ route: 'dashboard', report: false, camera: null });

  /** The report's heading, then, once map and panel have settled, the map's picture for print. */
  const prepareReport = async (area: AreaSummary, key: string) => {
    const { renderReportHead, showMapPicture, until } = await import('./panels/report.js');
    if (panelFor !== key || !store.state.report) return;
    const year = yearOf(store.state);
    delete document.body.dataset.reportReady;
    renderReportHead(ui.reportHead, area, { lang: store.state.lang, year, dataVersion: legend?.dataVersion, back: () => store.navigate({ report: false }), dashboard: openDashboard });
    const settled = await until(() => panelFor === key && ui.map.dataset.idle === '1' && ui.map.dataset.choropleth === 'painted' && ui.map.dataset.labels !== undefined
      && !ui.panel.querySelector('[data-testid=area-trend] .muted'));
    if (panelFor !== key || !store.state.report) return;
    renderReportHead(ui.reportHead, area, { lang: store.state.lang, year, dataVersion: legend?.dataVersion, back: () => store.navigate({ report: false }), dashboard: openDashboard });
    if (settled) showMapPicture(ui.map.parentElement!, mapView.snapshot());
    document.body.dataset.reportReady = settled ? '1' : 'timeout';
  };

  const showOnMap = (row: Household) => {
    if (row.lat == null || row.lon == null) return;
    store.navigate({ route: 'map', area: row.village_code, pin: { lat: row.lat, lon: row.lon }, camera: { lat: row.lat, lon: row.lon, zoom: 15 } });
  };

  let screenFor = '';
  const drawHouseholds = async (state: ViewState) => {
    const key = JSON.stringify([state.households, yearOf(state), state.lang, session.user?.username ?? '']);
    if (key === screenFor) return;
    screenFor = key;
    const { renderHouseholdScreen } = await import('./households/screen.js');
    if (screenFor !== key) return;
    renderHouseholdScreen(ui.households, {
      state,
      year: yearOf(state),
      meta,
      signedIn: session.user != null,
      setFilter: (households) => store.navigate({ households }),
      showOnMap,
      signIn,
      unauthorized: () => session.forget(),
    });
  };

  let dashboardFor = '';
  let dashboardRender = new AbortController();
  const drawDashboard = async (state: ViewState) => {
    const key = JSON.stringify([state.area, yearOf(state), state.lang, session.user?.username ?? '']);
    if (key === dashboardFor) return;
    dashboardFor = key;
    dashboardRender.abort();
    const render = new AbortController();
    dashboardRender = render;
    // not ready from the moment the area changes (in the navigation's own task), not only once the
    // screen's module has loaded: until then the previous area's page still said ready
    delete ui.dashboard.dataset.dashboardReady;
    const { renderDashboard } = await import('./dashboard/screen.js');
    if (render.signal.aborted) return;
    try {
      await renderDashboard(ui.dashboard, {
        state, year: yearOf(state), lang: state.lang, meta, signal: render.signal,
        go: (patch) => store.navigate(patch),
      });
    } catch (err) {
      if (render.signal.aborted) return;
      ui.dashboard.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('error', state.lang)}: ${(err as Error).message}`));
      ui.dashboard.dataset.dashboardReady = 'error';
    }
  };

  let previousRoute: ViewState['route'] | null = null;
  const render = (state: ViewState) => {
    document.documentElement.lang = state.lang;
    document.title = t('title', state.lang);
    const reportChanged = document.body.classList.contains('report') !== state.report;
    document.body.classList.toggle('report', state.report);
    ui.reportHead.hidden = !state.report;
    if (!state.report) ui.map.parentElement!.querySelector('.report-map')?.remove();
    // the map's box changes with the layout: MapLibre must measure it again
    if (reportChanged) {
      mapView.resize();
      panelFor = '';
    }
    drawHeader();
    search.setLang(state.lang);
    const onMap = state.route === 'map';
    ui.mapScreen.hidden = !onMap;
    ui.households.hidden = state.route !== 'households';
    ui.dashboard.hidden = state.route !== 'dashboard';
    document.body.classList.toggle('dashboard', state.route === 'dashboard');
    if (onMap) {
      // The container was hidden on the household screen; resizing otherwise would emit a
      // moveend that is not a user's move.
      if (previousRoute !== 'map') mapView.resize();
      void mapView.apply(state);
      void drawPanel(state);
      drawLegend();
      drawLayers();
    } else if (state.route === 'dashboard') {
      void drawDashboard(state);
    } else {
      void drawHouseholds(state);
    }
    previousRoute = state.route;
  };

  session.subscribe(() => {
    drawHeader();
    if (store.state.route === 'households') void drawHouseholds(store.state);
    else if (store.state.route === 'dashboard') void drawDashboard(store.state);
    else void drawPanel(store.state); // the hand-off section comes and goes with the session
  });
  mapView.attachRest(tiles, defaultYear).catch((err: Error) => console.error(err));
  // On the map screen the panel, legend and layer list are drawn after the first painted
  // choropleth: drawing them takes the main thread for a good part of a second on a slow machine,
  // and the map's frames wait for it. A map that cannot paint (no WebGL) holds them back no longer
  // than UI_WAIT_MS.
  if (store.state.route === 'map') await Promise.race([mapView.firstPaint, new Promise((resolve) => setTimeout(resolve, UI_WAIT_MS))]);
  ready = true;
  store.subscribe((state) => render(state));
  render(store.state);
}
