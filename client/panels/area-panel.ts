/**
 * The selected area's profile: key figures, its hotspot class, night lights, access to schools and
 * clinics, the five dimensions, the worst indicators, households by number of failed dimensions,
 * vulnerability levels, the welfare-card split, stars, and the ten children that fare worst on the
 * chosen measure. Everything comes from the analytics API.
 */
import { fetchAreaAccess, fetchAreaHotspot, fetchAreaNightlight, fetchMapRanking } from '../api/areas.js';
import type { AreaSummary, Meta } from '../api/types.js';
import { h } from '../dom.js';
import { formatCount, formatDecimal, formatShare, formatYear } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { isWithheld, orWithheld, withheldText, type WithheldReasons } from '../i18n/withheld.js';
import { classLabel, GI_CLASSES, MISMATCH_CLASSES, MORAN_CLASSES } from '../map/hotspot-views.js';
import { childLevel, type MapLevel } from '../map/levels.js';
import { formatPoints, type Measure } from '../map/measures.js';
import { fittingDigits } from '../map/precision.js';
import type { Lang } from '../state/url-state.js';
import { bars } from './bars.js';
import { areaName } from './breadcrumb.js';
import { helpPanel } from './help.js';
import { renderLogbook } from './logbook.js';
import { renderTrend } from './trend.js';

export interface PanelContext {
  lang: Lang;
  year: number;
  meta: Meta;
  measure: Measure;
  select(code: string): void;
  setYear(year: number): void;
  /** Open the area's printable report. */
  openReport(): void;
  /** Open the area's dashboard (urgent issues, potential, progress). */
  openDashboard(): void;
  /** A signed-in analyst or admin: the panel offers the hand-off to agencies (client/handoff/). */
  analyst: boolean;
}

const VULNERABILITY_COLORS = ['#fee5d9', '#fcae91', '#fb6a4a', '#cb181d'];

function section(title: string, ...body: Node[]): HTMLElement {
  return h('section', {}, h('h3', {}, title), ...body);
}

function figure(label: string, value: string, testId?: string): HTMLElement {
  return h('div', { class: 'figure', 'data-testid': testId }, h('div', { class: 'figure-value' }, value), h('div', { class: 'figure-label' }, label));
}

export function stars(n: number | null): string {
  if (n == null) return '–';
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, 5 - n));
}

export function renderAreaPanel(root: HTMLElement, area: AreaSummary, ctx: PanelContext): void {
  const { lang } = ctx;
  const report = document.body.classList.contains('report');
  const years = h('select', { 'data-testid': 'year-select', 'aria-label': t('year', lang) },
    ...ctx.meta.years.map((y) => h('option', { value: String(y), selected: y === ctx.year }, formatYear(y, lang))),
  );
  years.addEventListener('change', () => ctx.setYear(Number(years.value)));
  const header = h('header', { class: 'panel-header' },
    h('div', { class: 'muted' }, t(`level_${area.level}`, lang), area.code === 'TH' ? '' : ` · ${area.code}`),
    h('h2', { 'data-testid': 'area-name' }, areaName(area, lang)),
    h('div', { class: 'panel-year' }, h('label', {}, `${t('year', lang)} `, years), ' ', reportLink(ctx), ' ', dashboardLink(ctx)),
  );
  if (area.suppressed) {
    root.replaceChildren(header, h('p', { class: 'notice' }, t('suppressed_area', lang)));
    return;
  }
  // A public caller's figures may be withheld (a count of 1-4, or a figure computed from one): null,
  // perhaps named in the response's `withheld` map. They read "<5" / "ไม่เปิดเผย", never 0 or 0.0 %
  // (i18n/withheld.ts), and so does every share taken of them.
  const reasons = (area as { withheld?: WithheldReasons }).withheld;
  const count = (n: number | null | undefined, key?: string) => orWithheld(n, (v) => formatCount(v, lang), lang, reasons, key);
  const pct = (v: number | null | undefined, key?: string) => orWithheld(v, (x) => formatShare(x, lang), lang, reasons, key);
  const share = (n: number | null | undefined) => (n == null ? null : area.households ? n / area.households : 0);
  /** "count (share)", or just the withheld mark when the count is withheld. */
  const countAndShare = (n: number | null | undefined, key: string) =>
    isWithheld(n, reasons, key) ? withheldText(lang) : `${count(n)} (${pct(share(n))})`;
  const bar = (label: string, n: number | null | undefined, text: string) =>
    ({ label, value: n ?? 0, text, withheld: n == null });
  const figures = h('div', { class: 'figures' },
    figure(t('households', lang), count(area.households, 'households'), 'fig-households'),
    figure(t('people', lang), count(area.people, 'people')),
    figure(t('target_households', lang), countAndShare(area.target_households, 'target_households'), 'fig-target'),
    figure(t('target_people', lang), count(area.target_people, 'target_people')),
    figure(t('m_h', lang), pct(area.h, 'h'), 'fig-h'),
    figure(t('m_a', lang), pct(area.a, 'a')),
    figure(t('m_m0', lang), orWithheld(area.m0, (v) => formatDecimal(v, lang, 3), lang, reasons, 'm0')),
    figure(t('m_vulnerable_share', lang), countAndShare(area.vulnerable_households, 'vulnerable_households')),
  );

  // a dimension or indicator the response does not list at all is withheld too, not 0
  const dimBars = ctx.meta.dimensions.map((d) => {
    const s = share(area.dimensions.find((x) => x.id === d.id)?.failed_households);
    return bar(lang === 'th' ? d.name_th : d.name_en, s, pct(s));
  });

  const deprived = (row: AreaSummary['indicators'][number]) => row.deprived_households ?? 0;
  const worst = [...area.indicators].sort((a, b) => deprived(b) - deprived(a)).slice(0, 5).map((row) => {
    const ind = ctx.meta.indicators.find((i) => i.id === row.id);
    const s = share(row.deprived_households);
    return bar(ind ? `${ind.number}. ${lang === 'th' ? ind.name_th : ind.name_en}` : row.id, s, pct(s));
  });

  const failed = (area.failed_dims ?? []).map((n, i) => bar(`${i} ${t('failed_dims_n', lang)}`, n, count(n)));
  const vulnerability = (area.vulnerability ?? []).map((n, i) => ({
    ...bar(`${t('vulnerability_level', lang)} ${i}`, n, count(n)), color: VULNERABILITY_COLORS[i],
  }));
  const w = area.welfare;
  const welfareBar = (label: string, n: number | null | undefined, color: string) => ({ ...bar(label, n, count(n)), color });
  const welfare = [
    welfareBar(t('with_card', lang), w?.target_with_card, '#2c7fb8'),
    welfareBar(t('without_card', lang), w?.target_without_card, '#f03b20'),
    welfareBar(t('to_survey', lang), w?.to_survey, '#969696'),
  ];

  const children = childLevel(ctx.meta.levels, area.level);
  const top = h('div', { 'data-testid': 'top-children' }, h('div', { class: 'muted' }, t('loading', lang)));
  // the country is the whole of every comparison: it has no hotspot class or crossing of its own
  const hotspot = area.code === 'TH' ? null : h('div', { 'data-testid': 'area-hotspot' }, h('div', { class: 'muted' }, t('loading', lang)));
  const nightlight = h('div', { 'data-testid': 'area-nightlight' }, h('div', { class: 'muted' }, t('loading', lang)));
  const access = h('div', { 'data-testid': 'area-access' }, h('div', { class: 'muted' }, t('loading', lang)));
  const trend = h('div', { 'data-testid': 'area-trend' }, h('div', { class: 'muted' }, t('loading', lang)));
  const logbook = h('div', { 'data-testid': 'area-logbook' }, h('div', { class: 'muted' }, t('loading', lang)));
  const handoff = ctx.analyst && !report ? h('section', { 'data-testid': 'area-handoff' }, h('div', { class: 'muted' }, t('loading', lang))) : null;
  root.replaceChildren(
    header,
    h('div', { class: 'stars', title: t('stars', lang), 'data-testid': 'stars' }, stars(area.stars), h('span', { class: 'muted' }, ` ${t('stars', lang)}`)),
    figures,
    helpPanel(lang, report),
    section(t('trend_section', lang), trend),
    section(t('logbook_section', lang), logbook),
    ...(hotspot ? [section(t('hotspot_section', lang), hotspot)] : []),
    section(t('layer_nightlight', lang), nightlight),
    section(t('access_section', lang), access),
    section(t('dimensions', lang), bars(dimBars, 'dimension-bars')),
    section(t('worst_indicators', lang), bars(worst, 'worst-indicators')),
    section(t('failed_dims', lang), bars(failed, 'failed-dims')),
    section(t('vulnerability', lang), bars(vulnerability, 'vulnerability')),
    section(t('welfare', lang), bars(welfare, 'welfare')),
    ...(children ? [section(`${t('top_children', lang)} (${t(`levels_${children}`, lang)})`, top)] : []),
    ...(handoff ? [handoff] : []),
  );
  // loaded on demand: only signed-in analysts see it, so the start-up script does not carry it
  if (handoff) void import('../handoff/section.js').then(({ renderHandoff }) => renderHandoff(handoff, area.code, ctx.year, lang));
  if (children) void renderTopChildren(top, area, children, ctx);
  if (hotspot) void renderHotspot(hotspot, area.code, ctx);
  void renderNightlight(nightlight, area.code, ctx);
  void renderAccess(access, area.code, ctx);
  void renderTrend(trend, area.code, ctx.meta.years, lang);
  void renderLogbook(logbook, area.code, ctx.year, lang);
}

function reportLink(ctx: PanelContext): HTMLElement {
  const b = h('button', { type: 'button', class: 'link no-print report-link', 'data-testid': 'open-report' }, t('report_open', ctx.lang));
  b.addEventListener('click', () => ctx.openReport());
  return b;
}

function dashboardLink(ctx: PanelContext): HTMLElement {
  const b = h('button', { type: 'button', class: 'link no-print report-link', 'data-testid': 'open-dashboard' }, t('dashboard_open', ctx.lang));
  b.addEventListener('click', () => ctx.openDashboard());
  return b;
}

/** A labelled figure of a panel section ("label: value"). */
const panelRow = (label: string, value: string, testId: string) =>
  h('div', { class: 'hotspot-row', 'data-testid': testId }, h('span', { class: 'muted' }, `${label}: `), value);

/** Night lights of the survey year and where the area sits in the light-vs-poverty model. */
async function renderNightlight(root: HTMLElement, code: string, ctx: PanelContext): Promise<void> {
  const { lang } = ctx;
  try {
    const nl = await fetchAreaNightlight(code, ctx.year);
    const change = nl.change?.radiance_mean_relative == null ? '–'
      : `${nl.change.radiance_mean_relative > 0 ? '+' : ''}${formatShare(nl.change.radiance_mean_relative, lang)} (${formatYear(nl.change.from, lang)})`;
    root.replaceChildren(
      panelRow(`${t('m_nightlight_mean', lang)} (nW/cm²/sr)`, nl.radiance_mean == null ? '–' : formatDecimal(nl.radiance_mean, lang, 2), 'nightlight-mean'),
      panelRow(t('lit_share', lang), nl.lit_share == null ? '–' : formatShare(nl.lit_share, lang), 'nightlight-lit'),
      panelRow(t('hotspot_change', lang), change, 'nightlight-change'),
      panelRow(t('m_light_mismatch', lang), nl.mismatch ? `${classLabel(MISMATCH_CLASSES, nl.mismatch.class, lang)}${nl.mismatch.z == null ? '' : ` (z = ${formatDecimal(nl.mismatch.z, lang, 2)})`}` : '–', 'nightlight-mismatch'),
    );
  } catch {
    root.replaceChildren(h('div', { class: 'muted' }, t('no_nightlight', lang)));
  }
}

/** Distances to the nearest school and clinic, the shares of target households far from one, 2SFCA. */
async function renderAccess(root: HTMLElement, code: string, ctx: PanelContext): Promise<void> {
  const { lang } = ctx;
  try {
    const a = await fetchAreaAccess(code, ctx.year);
    const rows = (['school', 'clinic'] as const).flatMap((service) => {
      const s = a.services.find((x) => x.service === service);
      // a share of 1-4 located target households is withheld (null): it says so, as in the figures
      const share = (km: number) => orWithheld(s?.far.find((f) => f.km === km)?.share, (v) => formatShare(v, lang), lang);
      return [
        panelRow(t(`m_${service}_mean_km`, lang), formatDecimal(s?.mean_km ?? null, lang, 1), `access-${service}-mean`),
        panelRow(t(`m_${service}_far_5km_share`, lang), share(5), `access-${service}-far5`),
        panelRow(t(`m_${service}_far_10km_share`, lang), share(10), `access-${service}-far10`),
      ];
    });
    root.replaceChildren(h('p', { class: 'muted panel-note' }, t('distance_explain', lang)), ...rows,
      panelRow(t('m_clinic_2sfca', lang), `${formatDecimal(a.clinic_2sfca.per_1000_people, lang, 2)} ${t('sfca_unit', lang)}`, 'access-clinic-2sfca'),
      h('p', { class: 'muted panel-note', 'data-testid': 'sfca-note' }, t('sfca_note', lang)));
  } catch {
    root.replaceChildren(h('div', { class: 'muted' }, t('no_access', lang)));
  }
}

async function renderHotspot(root: HTMLElement, code: string, ctx: PanelContext): Promise<void> {
  const { lang } = ctx;
  try {
    const hs = await fetchAreaHotspot(code, ctx.year);
    const change = hs.previous_year == null || hs.change_target_share == null ? t('no_previous_year', lang)
      : formatPoints(hs.change_target_share, lang) + (hs.crossed ? ` · ${t(hs.crossed === 'up' ? 'crossed_up' : 'crossed_down', lang)}` : '');
    root.replaceChildren(
      panelRow(t('hotspot_gi', lang), hs.gi_class ? `${classLabel(GI_CLASSES, hs.gi_class, lang)} (z = ${formatDecimal(hs.gi_z, lang, 2)})` : '–', 'hotspot-gi'),
      panelRow(t('hotspot_moran', lang), hs.moran_class ? classLabel(MORAN_CLASSES, hs.moran_class, lang) : '–', 'hotspot-moran'),
      panelRow(`${t('hotspot_change', lang)} ${hs.previous_year != null ? formatYear(hs.previous_year, lang) : ''}`.trim(), change, 'hotspot-change'),
    );
    root.dataset.giClass = hs.gi_class ?? '';
  } catch (err) {
    root.replaceChildren(h('div', { class: 'error' }, (err as Error).message));
  }
}

/**
 * The ten children with the highest value of the map's measure: the same published figure the map
 * colours by (GET /api/choropleth/ranking reads what the tiles carry), under the legend's label.
 */
async function renderTopChildren(root: HTMLElement, area: AreaSummary, children: MapLevel, ctx: PanelContext): Promise<void> {
  const { lang, measure } = ctx;
  if (measure.classes) {
    root.replaceChildren(h('div', { class: 'muted' }, `${t('ranked_by', lang)} ${measure.label(lang)}: –`));
    return;
  }
  try {
    const { items } = await fetchMapRanking(children, area.code, measure.id, ctx.year);
    const digits = fittingDigits(measure, items.map((i) => i.value), lang);
    const list = h('ol', { class: 'ranking' },
      ...items.map((item) => {
        const link = h('a', { href: `/area/${item.code}`, 'data-code': item.code }, areaName(item, lang));
        link.addEventListener('click', (e) => {
          e.preventDefault();
          ctx.select(item.code);
        });
        return h('li', {}, link, h('span', { class: 'rank-value', 'data-value': String(item.value) }, measure.format(item.value, lang, digits)));
      }),
    );
    root.replaceChildren(h('div', { class: 'muted', 'data-testid': 'top-children-label' }, `${t('ranked_by', lang)} ${measure.label(lang)}`), list);
  } catch (err) {
    root.replaceChildren(h('div', { class: 'error' }, (err as Error).message));
  }
}
