/**
 * Part 3 of the dashboard, progress: the target households helped (the logbook, public through the
 * disclosure policy), by stage (survival → sufficiency → sustainability: the budgeted projects for
 * everyone; the households done at each stage, handed off and acted on for analysts inside their
 * grant), by agency (the solution menu's items in the area, analysts), and what to speed up
 * (GET /api/areas/{code}/speed-up: children behind their peers, stalled projects, targets with no
 * matching measure, measures over capacity).
 */
import { fetchAreaAssistance } from '../api/areas.js';
import { fetchMenuNeeds, fetchSpeedUp, fetchStageProgress } from '../api/dashboard.js';
import { ApiError } from '../api/http.js';
import type { AreaContext, AreaSummary, MenuNeeds, Meta, SpeedUp, StageProgress } from '../api/types.js';
import { h } from '../dom.js';
import { dt } from '../i18n/dashboard-messages.js';
import { formatCount, formatShare } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { orWithheld } from '../i18n/withheld.js';
import { areaName } from '../panels/breadcrumb.js';
import { block, listLink, mapLink, table, tile, viewLink, type DashboardContext } from './links.js';

const STAGES = ['survive', 'sufficiency', 'sustainable'] as const;

/** An analyst-only source: its answer, or null when the caller may not see it (401/403). */
async function ifAllowed<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
    throw err;
  }
}

export async function renderProgress(root: HTMLElement, area: AreaSummary, context: AreaContext | null, meta: Meta, ctx: DashboardContext): Promise<void> {
  const { lang } = ctx;
  const n = (v: number | null | undefined) => orWithheld(v, (x) => formatCount(x, lang), lang);
  const village = area.level === 'village';
  const [assistance, stages, needs, speedUp] = await Promise.all([
    fetchAreaAssistance(area.code, ctx.year),
    ifAllowed(fetchStageProgress(area.code, ctx.year)),
    ifAllowed(fetchMenuNeeds(area.code, ctx.year)),
    village ? Promise.resolve(null) : fetchSpeedUp(area.code, ctx.year),
  ]);
  const signIn = () => h('div', { class: 'muted' }, dt('sign_in_for', lang));

  const helped = assistance.suppressed
    ? h('p', { class: 'notice' }, t('suppressed_area', lang))
    : h('div', { class: 'figures' },
      tile(dt('helped', lang), mapLink(ctx, area.code, 'helped_share', orWithheld(assistance.helped_share, (v) => formatShare(v, lang), lang), 'dash-helped-share')),
      tile(t('logbook_done', lang), listLink(ctx, area.code, area.level, { logbook: 'done' }, n(assistance.helped_households), 'dash-helped-households')),
      tile(dt('target_households', lang), mapLink(ctx, area.code, 'target_share', n(assistance.target_households))));

  const projectStages = context
    ? table([dt('stage_projects', lang), dt('projects', lang), dt('budget', lang)],
      STAGES.map((s) => [dt(`stage_${s}`, lang), formatCount(context.projects.by_stage[s].projects, lang), formatCount(context.projects.by_stage[s].budget_baht, lang)]),
      'dash-stage-projects')
    : '';

  root.replaceChildren(
    block(dt('helped', lang), 'dash-helped', helped),
    block(dt('by_stage', lang), 'dash-stages', projectStages, stages ? stageTable(stages, ctx) : signIn()),
    block(dt('by_agency', lang), 'dash-agencies', needs ? agencyTable(needs, ctx) : signIn()),
    block(dt('speed_up', lang), 'dash-speed-up', speedUp ? speedUpLists(speedUp, meta, ctx) : h('div', { class: 'muted' }, dt('nothing_listed', lang))),
  );
}

function stageTable(s: StageProgress, ctx: DashboardContext): HTMLElement {
  const { lang } = ctx;
  const n = (v: number | undefined) => formatCount(v, lang);
  return table([dt('stage_households', lang), ''], [
    [dt('handed_off', lang), n(s.handed_off)],
    [dt('acted_on', lang), n(s.acted_on)],
    ...STAGES.map((k) => [dt(`stage_${k}`, lang), n(s.stages[k])]),
  ], 'dash-stage-households');
}

/** The menu's items in the area summed per agency: the targets they match and what their capacity reaches. */
function agencyTable(needs: MenuNeeds, ctx: DashboardContext): HTMLElement {
  const { lang } = ctx;
  const by = new Map<string, { needs: number; allocated: number }>();
  for (const item of needs.items) {
    const a = by.get(item.agency ?? '') ?? { needs: 0, allocated: 0 };
    a.needs += item.needs ?? 0;
    a.allocated += item.allocated ?? 0;
    by.set(item.agency ?? '', a);
  }
  const rows = [...by].sort((a, b) => b[1].needs - a[1].needs || a[0].localeCompare(b[0]));
  return table([dt('agency', lang), dt('needs', lang), dt('allocated', lang)],
    rows.map(([agency, v]) => [agency, formatCount(v.needs, lang), formatCount(v.allocated, lang)]), 'dash-agency-table');
}

function speedUpLists(s: SpeedUp, meta: Meta, ctx: DashboardContext): HTMLElement {
  const { lang } = ctx;
  /** An indicator by its name in the reader's language, linked to its map; a menu item by its title. */
  const what = (code: string, label: string) => {
    const ind = meta.indicators.find((i) => i.id === code);
    return ind ? mapLink(ctx, ctx.state.area, `hc_${code}`, `${ind.number}. ${lang === 'th' ? ind.name_th : ind.name_en}`) : label;
  };
  const menuCheck = (items: SpeedUp['targets_without_measure'], testId: string) => items == null
    ? h('div', { class: 'muted' }, dt('not_computed', lang))
    : items.length
      ? h('ol', { 'data-testid': testId }, ...items.map((i) => h('li', {}, what(i.code, i.label), ` (${formatCount(i.gap, lang)})`)))
      : h('div', { class: 'muted' }, dt('nothing_listed', lang));
  return h('div', {},
    h('h4', {}, dt('areas_behind', lang)),
    s.areas_behind.length
      ? table(['', t('m_helped_share', lang), ''], s.areas_behind.map((a) => [
        mapLink(ctx, a.code, 'helped_share', areaName(a, lang)), formatShare(a.helped_share, lang), `−${formatShare(a.shortfall, lang)}`,
      ]), 'dash-areas-behind')
      : h('div', { class: 'muted' }, dt('nothing_listed', lang)),
    h('h4', {}, dt('stalled_projects', lang)),
    s.stalled_projects.length
      ? h('ol', { 'data-testid': 'dash-stalled' }, ...s.stalled_projects.map((p) => h('li', {},
        viewLink(ctx, { route: 'map', area: p.area_code, camera: null, pin: null }, (lang === 'en' && p.title_en) || p.title_th),
        ` · ${p.agency} · ${formatCount(p.budget_baht, lang)}`)))
      : h('div', { class: 'muted' }, dt('nothing_listed', lang)),
    h('h4', {}, dt('targets_without_measure', lang)),
    menuCheck(s.targets_without_measure, 'dash-targets-without-measure'),
    h('h4', {}, dt('measures_over_capacity', lang)),
    menuCheck(s.measures_over_capacity, 'dash-over-capacity'),
  );
}
