/**
 * Part 2 of the dashboard, potential and readiness: the provincial accounts (GPP, per head,
 * consumption, investment), the HAI and its eight parts, the poverty-eradication centres' staff and
 * partners per level, the budgeted projects, public services, village potential and OTOP products
 * (GET /api/areas/{code}/context). None of these rests on household counts, so nothing is withheld.
 * Figures with a map view link to it (services and village potential are overlays of the map).
 */
import type { AreaContext } from '../api/types.js';
import { h } from '../dom.js';
import { dt, type DashboardMessageKey } from '../i18n/dashboard-messages.js';
import { formatCount, formatDecimal, formatShare, formatYear } from '../i18n/format.js';
import { hasMessage, t } from '../i18n/messages.js';
import { block, table, tile, viewLink, type DashboardContext } from './links.js';

const CENTRE_LEVELS = ['province', 'district', 'subdistrict'] as const;

export function renderReadiness(root: HTMLElement, c: AreaContext, ctx: DashboardContext): void {
  const { lang } = ctx;
  const n = (v: number | null | undefined) => formatCount(v, lang);
  const label = (key: string) => (hasMessage(key) ? t(key, lang) : dt(key as DashboardMessageKey, lang));
  /** The map of the area with an overlay switched on. */
  const overlay = (layer: string, text: string, testId?: string) =>
    viewLink(ctx, { route: 'map', area: c.code, camera: null, pin: null, layers: [...new Set([...ctx.state.layers, layer])].sort() }, text, testId);
  const mapOfArea = (text: string, testId?: string) => viewLink(ctx, { route: 'map', area: c.code, camera: null, pin: null }, text, testId);

  const economy = c.economy
    ? h('div', { class: 'figures' },
      tile(dt('gpp', lang), mapOfArea(n(c.economy.gpp_million_baht), 'dash-gpp')),
      tile(dt('gpp_per_head', lang), mapOfArea(n(c.economy.gpp_per_head_baht))),
      tile(dt('consumption', lang), mapOfArea(n(c.economy.consumption_million_baht))),
      tile(dt('investment', lang), mapOfArea(n(c.economy.investment_million_baht))))
    : h('div', { class: 'muted' }, dt('no_data', lang));

  const hai = c.hai
    ? table([dt('hai', lang), formatDecimal(c.hai.hai, lang, 3)],
      (['health', 'education', 'working_life', 'income', 'housing_environment', 'family_community', 'transport_communication', 'participation'] as const)
        .map((k) => [dt(`hai_${k}`, lang), formatDecimal(c.hai![k], lang, 3)]), 'dash-hai')
    : h('div', { class: 'muted' }, dt('no_data', lang));

  const centres = table(['', dt('centres_n', lang), dt('staff', lang), dt('partners', lang)],
    [...CENTRE_LEVELS.map((l) => [dt(`level_${l}`, lang), n(c.centres.by_level[l].centres), n(c.centres.by_level[l].staff), n(c.centres.by_level[l].partners)]),
      ['Σ', '', n(c.centres.staff), n(c.centres.partners)]], 'dash-centres');

  const p = c.projects;
  const projects = h('div', {},
    h('p', { 'data-testid': 'dash-projects-total' }, `${n(p.projects)} · ${dt('budget', lang)} ${n(p.budget_baht)}`),
    table(['', dt('agency', lang), dt('budget', lang), dt('progress_pct', lang)], p.items.map((x) => [
      viewLink(ctx, { route: 'map', area: x.area_code, camera: null, pin: null }, (lang === 'en' && x.title_en) || x.title_th),
      x.agency, n(x.budget_baht), `${x.progress}% · ${dt(`status_${x.status}`, lang)}`,
    ]), 'dash-projects'));

  const services = table([], (['school', 'hospital', 'health_promoting_hospital'] as const)
    .map((k) => [overlay('services', dt(`service_${k}`, lang)), n(c.services[k])]), 'dash-services');

  const potential = c.potential
    ? h('div', {},
      h('p', { class: 'muted' }, `${formatYear(c.potential.year, lang)} · ${n(c.potential.villages)} ${dt('villages', lang)}`),
      table(['', t('potential_mean', lang), '1'], c.potential.dimensions.map((d) => [
        overlay('villages', label(`potential_${d.id}`)), formatDecimal(d.mean_score, lang, 2), formatShare(d.level1_share, lang),
      ]), 'dash-potential'))
    : h('div', { class: 'muted' }, dt('no_data', lang));

  const otop = h('div', {},
    h('p', { 'data-testid': 'dash-otop-total' }, `${n(c.otop.products)} ${dt('products', lang)}`),
    table([], (['food', 'beverage', 'textiles', 'household', 'herbal'] as const).map((k) => [dt(`otop_${k}`, lang), n(c.otop.by_category[k])])),
    c.otop.top_villages.length
      ? h('ol', {}, ...c.otop.top_villages.map((v) => h('li', {},
        viewLink(ctx, { route: 'map', area: v.code, camera: null, pin: null }, (lang === 'en' && v.name_en) || v.name_th),
        ` ${n(v.products)} · ★ ${formatDecimal(v.mean_stars, lang, 1)}`)))
      : '');

  root.replaceChildren(
    h('p', { class: 'muted' }, `${formatYear(c.year, lang)}${c.economy?.scope === 'province' && c.level !== 'province' ? ` · ${t('level_province', lang)}` : ''}`),
    block(dt('economy', lang), 'dash-economy', economy),
    block(dt('hai', lang), 'dash-hai-block', hai),
    block(dt('centres', lang), 'dash-centres-block', centres),
    block(dt('projects', lang), 'dash-projects-block', projects),
    block(dt('services', lang), 'dash-services-block', services),
    block(dt('potential', lang), 'dash-potential-block', potential),
    block(dt('otop', lang), 'dash-otop', otop),
  );
}
