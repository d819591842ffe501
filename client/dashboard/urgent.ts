/**
 * Part 1 of the dashboard, urgent issues to act on: the problems to solve first (the indicators
 * that contribute most to the area's MPI), the target people and households by group (public
 * aggregates; the names behind them are the analyst's household list), where to act (the children
 * with the most target households), and other pressing issues (NEET youth, people of working age
 * without work, ...) with the children that rank worst on each. Withheld figures read "<5" / ไม่เปิดเผย.
 */
import { fetchChildren } from '../api/areas.js';
import { fetchRanking } from '../api/dashboard.js';
import type { AreaSummary, Meta } from '../api/types.js';
import { h } from '../dom.js';
import { dt } from '../i18n/dashboard-messages.js';
import { formatCount, formatShare } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { orWithheld, type WithheldReasons } from '../i18n/withheld.js';
import { childLevel } from '../map/levels.js';
import { areaName } from '../panels/breadcrumb.js';
import { block, listLink, mapLink, table, tile, type DashboardContext } from './links.js';

/** The groups of the plan's targets (1.1, 1.2, 2, 3.1), in the order the plan numbers them. */
const TARGET_GROUPS = ['target_card', 'target_nocard', 'vulnerable', 'card_not_target'];
/** Groups 3.2 and 4, counted from the registry linkage (people outside the survey: no share). */
const REGISTRY_GROUPS = ['card_holders_unsurveyed', 'exclusion_errors'] as const;
/** The other pressing issues the pilot provinces named, as groups of people with a share. */
const PRESSING_GROUPS = ['neet', 'working_no_work', 'unemployed', 'underemployed', 'school_age_out', 'elderly_no_care', 'disabled_no_care'];
/** The issues ranked across the children ("the ten districts with the most ..."). */
const RANKED_GROUPS = ['neet', 'working_no_work', 'unemployed'];
/** Household debt and access to finance (issue 24): the area's figure keys and the map measure of each share. */
const FINANCE_ROWS = [
  { id: 'debt', count: 'debt_households', share: 'debt_share' },
  { id: 'informal_debt', count: 'informal_debt_households', share: 'informal_debt_share' },
  { id: 'no_finance', count: 'no_finance_households', share: 'no_finance_share' },
] as const;
/** "The ten provinces with the most households lacking access to finance": a count, as the pilot provinces asked. */
const FINANCE_RANKING = 'no_finance_households';
const TOP_PROBLEMS = 5;
const WHERE_TO_ACT = 10;

export async function renderUrgent(root: HTMLElement, area: AreaSummary, meta: Meta, ctx: DashboardContext): Promise<void> {
  const { lang } = ctx;
  const reasons = (area as { withheld?: WithheldReasons }).withheld;
  const count = (n: number | null | undefined, key?: string) => orWithheld(n, (v) => formatCount(v, lang), lang, reasons, key);
  const pct = (v: number | null | undefined, key?: string) => orWithheld(v, (x) => formatShare(x, lang), lang, reasons, key);
  const name = (x: { name_th: string; name_en: string | null }) => (lang === 'en' && x.name_en) || x.name_th;
  if (area.suppressed) {
    root.replaceChildren(h('p', { class: 'notice' }, t('suppressed_area', lang)));
    return;
  }

  const figures = h('div', { class: 'figures' },
    tile(dt('target_households', lang), mapLink(ctx, area.code, 'target_share', count(area.target_households, 'target_households'), 'dash-target-households')),
    tile(dt('target_people', lang), mapLink(ctx, area.code, 'h', count(area.target_people, 'target_people'), 'dash-target-people')),
    tile(t('m_h', lang), mapLink(ctx, area.code, 'h', pct(area.h, 'h'))),
    tile(t('m_m0', lang), mapLink(ctx, area.code, 'm0', orWithheld(area.m0, (v) => v.toFixed(3), lang, reasons, 'm0'))),
  );

  const problems = [...area.indicators]
    .filter((r) => r.contribution != null)
    .sort((a, b) => (b.contribution ?? 0) - (a.contribution ?? 0))
    .slice(0, TOP_PROBLEMS)
    .map((r) => {
      const ind = meta.indicators.find((i) => i.id === r.id);
      const label = ind ? `${ind.number}. ${name(ind)}` : r.id;
      return [mapLink(ctx, area.code, `hc_${r.id}`, label), pct(r.contribution), pct(r.censored_headcount),
        listLink(ctx, area.code, area.level, { indicators: r.id }, dt('list_short', lang))];
    });

  const groupRow = (id: string) => {
    const g = area.person_groups.groups.find((x) => x.id === id);
    const def = meta.person_groups.find((x) => x.id === id);
    const label = def ? name(def) : id;
    return [def?.measure ? mapLink(ctx, area.code, `share_${id}`, label) : label,
      orWithheld(g?.people, (v) => formatCount(v, lang), lang), orWithheld(g?.share, (v) => formatShare(v, lang), lang)];
  };

  // debt and access to finance: counts and shares of the households the survey asked
  const finance = area.finance;
  const financeCount = (n: number | null, key: string) => orWithheld(n, (v) => formatCount(v, lang), lang, finance.withheld, key);
  const financeShare = (v: number | null, key: string) => orWithheld(v, (x) => formatShare(x, lang), lang, finance.withheld, key);
  const financeRows = FINANCE_ROWS.map((r) => [
    mapLink(ctx, area.code, r.share, dt(`finance_${r.id}`, lang), `dash-finance-${r.id}`),
    financeCount(finance[r.count], r.count), financeShare(finance[r.share], r.share),
  ]);
  const asked = finance.debt_asked_households !== 0 || finance.finance_asked_households !== 0;
  const registryRow = (id: (typeof REGISTRY_GROUPS)[number]) =>
    [dt(`group_${id}`, lang), orWithheld(area.person_groups[id], (v) => formatCount(v, lang), lang), ''];

  const level = childLevel(meta.levels, area.level);
  const whereToAct = h('div', { 'data-testid': 'dash-where' }, h('div', { class: 'muted' }, t('loading', lang)));
  const rankings = h('div', { class: 'dash-rankings', 'data-testid': 'dash-rankings' });
  const financeRanking = h('div', { class: 'dash-rankings', 'data-testid': 'dash-ranking-no-finance' });

  root.replaceChildren(
    figures,
    block(dt('top_problems', lang), 'dash-problems',
      table(['', dt('contribution', lang), dt('censored', lang), ''], problems)),
    block(dt('groups', lang), 'dash-groups',
      table(['', t('people', lang), '%'], [...TARGET_GROUPS.map(groupRow), ...REGISTRY_GROUPS.map(registryRow)]),
      h('p', {}, listLink(ctx, area.code, area.level, {}, dt('households_list', lang), 'dash-household-list'))),
    block(`${dt('where_to_act', lang)}${level ? ` (${t(`levels_${level}`, lang)})` : ''}`, 'dash-where-block', whereToAct),
    block(dt('pressing', lang), 'dash-pressing', table(['', t('people', lang), '%'], PRESSING_GROUPS.map(groupRow)), rankings),
    block(dt('finance', lang), 'dash-finance',
      asked ? table(['', t('households', lang), '%'], financeRows, 'dash-finance-table') : h('div', { class: 'muted' }, dt('finance_not_asked', lang)),
      financeRanking),
  );
  if (!level) {
    whereToAct.replaceChildren(h('div', { class: 'muted' }, dt('no_children', lang)));
    return;
  }

  const [children, noFinance, ...ranked] = await Promise.all([
    fetchChildren(area.code, ctx.year),
    fetchRanking(level, area.code, FINANCE_RANKING, ctx.year),
    ...RANKED_GROUPS.map((g) => fetchRanking(level, area.code, `group:${g}`, ctx.year)),
  ]);
  // the children with the most target households: where the most households wait for help
  const worst = children.children
    .filter((c) => c.target_households != null)
    .sort((a, b) => (b.target_households ?? 0) - (a.target_households ?? 0) || a.code.localeCompare(b.code))
    .slice(0, WHERE_TO_ACT);
  whereToAct.replaceChildren(worst.length
    ? table(['', dt('target_households', lang), t('m_target_share', lang)], worst.map((c) => [
      mapLink(ctx, c.code, 'target_share', areaName(c, lang)),
      formatCount(c.target_households, lang),
      orWithheld(c.households ? (c.target_households ?? 0) / c.households : null, (v) => formatShare(v, lang), lang),
    ]), 'dash-where-table')
    : h('div', { class: 'muted' }, dt('nothing_listed', lang)));

  rankings.replaceChildren(...RANKED_GROUPS.map((g, i) => {
    const def = meta.person_groups.find((x) => x.id === g);
    const title = `${dt('ranking_of', lang)} ${ranked[i].items.length} ${t(`levels_${level}`, lang)}: ${def ? name(def) : g}`;
    return h('div', { 'data-testid': `dash-ranking-${g}` }, h('h4', {}, title),
      ranked[i].items.length
        ? h('ol', {}, ...ranked[i].items.map((r) => h('li', {}, mapLink(ctx, r.code, `share_${g}`, areaName(r, lang)), ` ${formatShare(r.value, lang)}`)))
        : h('div', { class: 'muted' }, dt('nothing_listed', lang)));
  }));
  financeRanking.replaceChildren(
    h('h4', {}, `${dt('ranking_of', lang)} ${noFinance.items.length} ${t(`levels_${level}`, lang)}: ${dt('finance_ranking', lang)}`),
    noFinance.items.length
      ? h('ol', {}, ...noFinance.items.map((r) => h('li', {}, mapLink(ctx, r.code, 'no_finance_share', areaName(r, lang)), ` ${formatCount(r.value, lang)}`)))
      : h('div', { class: 'muted' }, dt('nothing_listed', lang)));
}
