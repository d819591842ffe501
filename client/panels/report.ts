/**
 * The printable area report (`/area/{code}/report`, A4): the same map and panel, laid out for paper
 * by the stylesheet (body.report), with a heading that says what, when and from which data. Once the
 * map has settled, it is copied into a picture over the live map: a picture prints, where a WebGL
 * canvas may come out blank. `data-report-ready` on the body says the page is ready to print.
 */
import type { AreaSummary } from '../api/types.js';
import { h } from '../dom.js';
import { formatDate, formatYear } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';
import { areaName } from './breadcrumb.js';

export interface ReportContext {
  lang: Lang;
  year: number;
  dataVersion: string | undefined;
  back(): void;
  /** Open the area's dashboard (the same area, interactive). */
  dashboard(): void;
}

export function renderReportHead(root: HTMLElement, area: AreaSummary, ctx: ReportContext): void {
  const { lang } = ctx;
  const print = h('button', { type: 'button', class: 'no-print', 'data-testid': 'report-print' }, t('report_print', lang));
  print.addEventListener('click', () => window.print());
  const back = h('button', { type: 'button', class: 'link no-print', 'data-testid': 'report-back' }, t('report_back', lang));
  back.addEventListener('click', () => ctx.back());
  const dashboard = h('button', { type: 'button', class: 'link no-print', 'data-testid': 'report-dashboard' }, t('dashboard_open', lang));
  dashboard.addEventListener('click', () => ctx.dashboard());
  root.replaceChildren(
    h('div', { class: 'report-actions no-print' }, print, ' ', back, ' ', dashboard),
    h('div', { class: 'muted' }, `${t('title', lang)} · ${t('report_title', lang)}`),
    h('h1', {}, `${areaName(area, lang)} · ${formatYear(ctx.year, lang)}`),
    h('div', { class: 'muted' }, `${t('report_made', lang)} ${formatDate(new Date(), lang)} · ${t('report_data', lang)} ${ctx.dataVersion ?? '–'}`),
  );
}

/** Wait until `ready()` holds (checked every 200 ms), for at most `ms`. */
export async function until(ready: () => boolean, ms = 60_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

/** Put the map's picture over the live map (replacing an older one). */
export function showMapPicture(wrap: HTMLElement, dataUrl: string): void {
  wrap.querySelector('.report-map')?.remove();
  wrap.prepend(h('img', { class: 'report-map', src: dataUrl, alt: '', 'data-testid': 'report-map' }));
}
