/**
 * The area dashboard (`/area/{code}/dashboard`; the country's is `/area/TH/dashboard`), asked for by
 * the pilot provinces in three parts: urgent issues, potential and readiness, progress. A chunk of its
 * own (imported on first use by app.ts), printable on A4 (dashboard.css). Each part loads on its own,
 * so a slow or failing source leaves the others readable; `data-dashboard-ready` on the screen says
 * every part has settled ("1", or "error" when one failed), for printing and the browser tests.
 */
import './dashboard.css';
import { fetchArea } from '../api/areas.js';
import { fetchAreaContext } from '../api/dashboard.js';
import type { AreaContext, Meta } from '../api/types.js';
import { h } from '../dom.js';
import { dt } from '../i18n/dashboard-messages.js';
import { formatDate, formatYear } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { areaName } from '../panels/breadcrumb.js';
import { renderProgress } from './progress.js';
import { renderReadiness } from './readiness.js';
import { renderUrgent } from './urgent.js';
import { mountAreaSearch } from './area-search.js';
import type { DashboardContext } from './links.js';

export interface DashboardScreen extends DashboardContext {
  meta: Meta;
  /** Aborted once the screen has moved on to another area, year, language or user: this render then leaves the screen alone. */
  signal: AbortSignal;
}

/** A section of the page with its heading and a loading line until its part has rendered. */
function part(id: string, title: string, loading: string): { root: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'dash-part-body' }, h('div', { class: 'muted' }, loading));
  return { root: h('section', { class: 'dash-part', id, 'data-testid': id, 'aria-busy': 'true' }, h('h2', {}, title), body), body };
}

export async function renderDashboard(root: HTMLElement, ctx: DashboardScreen): Promise<void> {
  const { lang, state } = ctx;
  delete root.dataset.dashboardReady;
  root.replaceChildren(h('div', { class: 'muted' }, t('loading', lang)));
  const area = await fetchArea(state.area, ctx.year);
  // a newer render may have drawn its page while this one waited: never draw over it
  if (ctx.signal.aborted) return;

  const print = h('button', { type: 'button', 'data-testid': 'dashboard-print' }, dt('dashboard_print', lang));
  print.addEventListener('click', () => window.print());
  const back = h('button', { type: 'button', class: 'link', 'data-testid': 'dashboard-back' }, dt('dashboard_back', lang));
  back.addEventListener('click', () => ctx.go({ route: 'map' }));
  const report = h('button', { type: 'button', class: 'link', 'data-testid': 'dashboard-report' }, dt('dashboard_report', lang));
  report.addEventListener('click', () => ctx.go({ route: 'map', report: true, camera: null }));
  const search = h('div', { class: 'dash-search no-print' });

  const urgent = part('dash-urgent', dt('part_urgent', lang), t('loading', lang));
  const readiness = part('dash-readiness', dt('part_readiness', lang), t('loading', lang));
  const progress = part('dash-progress', dt('part_progress', lang), t('loading', lang));
  root.replaceChildren(
    h('header', { class: 'dash-head' },
      h('div', { class: 'dash-actions no-print' }, print, back, report),
      h('div', { class: 'muted' }, `${t('title', lang)} · ${dt('dashboard_title', lang)}`),
      h('h1', { 'data-testid': 'dashboard-area' }, `${areaName(area, lang)} · ${formatYear(ctx.year, lang)}`),
      h('div', { class: 'muted' }, `${t(`level_${area.level}`, lang)} · ${t('report_made', lang)} ${formatDate(new Date(), lang)}`),
      search),
    h('nav', { class: 'dash-tabs no-print' },
      ...[urgent, readiness, progress].map((p) => h('a', { href: `#${p.root.id}` }, p.root.querySelector('h2')!.textContent ?? ''))),
    urgent.root, readiness.root, progress.root,
  );
  if (area.level === 'province' || area.level === 'district') mountAreaSearch(search, area, ctx);

  const settle = async (p: { root: HTMLElement; body: HTMLElement }, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      p.body.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('error', lang)}: ${(err as Error).message}`));
      throw err;
    } finally {
      p.root.removeAttribute('aria-busy');
    }
  };
  // the country, provinces, districts and subdistricts have context; a village has none
  const context: Promise<AreaContext | null> = area.level === 'village' ? Promise.resolve(null) : fetchAreaContext(area.code);
  const results = await Promise.allSettled([
    settle(urgent, () => renderUrgent(urgent.body, area, ctx.meta, ctx)),
    settle(readiness, async () => {
      const c = await context;
      if (c) renderReadiness(readiness.body, c, ctx);
      else readiness.body.replaceChildren(h('div', { class: 'muted' }, dt('no_data', lang)));
    }),
    settle(progress, async () => renderProgress(progress.body, area, await context.catch(() => null), ctx.meta, ctx)),
  ]);
  // a part of an older render writes into its own section, gone from the screen; only its "ready" could mislead
  if (ctx.signal.aborted) return;
  root.dataset.dashboardReady = results.every((r) => r.status === 'fulfilled') ? '1' : 'error';
}
