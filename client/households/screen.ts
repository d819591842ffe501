/**
 * The analyst's household search: the seed's filters, the table (head, address, the five
 * dimensions, coordinates, failed dimensions, welfare-card holders, members), "show on map" for a
 * row, and CSV export of the current filter. The filter lives in the URL like everything else.
 * The same screen lists the people of an area instead (`show=people`, client/households/people.ts).
 */
import type { Household, Meta } from '../api/types.js';
import { h } from '../dom.js';
import { formatCoordinates, formatCount, formatYear } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import type { HouseholdFilter, Lang } from '../state/url-state.js';
import { areaField, PAGE, select, viewToggle, type ScreenContext } from './context.js';
import { areaOf, householdFilterOf, householdQuery, joinList, listOf, withArea } from './filter.js';
import { renderPeopleView } from './people.js';
import { pagedResults } from './results.js';

export type { ScreenContext } from './context.js';

/** The API's sort keys (a leading - sorts descending); house code is its default. */
const SORTS = ['house_code', 'failed_dim_count', '-failed_dim_count', 'members', '-members'] as const;

function dimChecks(meta: Meta, name: string, selected: string[], lang: Lang): HTMLElement {
  return h('div', { class: 'checks' },
    ...meta.dimensions.map((d) => h('label', {},
      h('input', { type: 'checkbox', name, value: d.id, checked: selected.includes(d.id), 'data-testid': `${name}-${d.id}` }),
      ` ${lang === 'th' ? d.name_th : d.name_en}`)),
  );
}

export function renderHouseholdScreen(root: HTMLElement, ctx: ScreenContext): void {
  const { lang } = ctx.state;
  if (!ctx.signedIn) {
    const button = h('button', { type: 'button', 'data-testid': 'screen-sign-in' }, t('sign_in', lang));
    button.addEventListener('click', ctx.signIn);
    root.replaceChildren(h('div', { class: 'notice' }, h('p', {}, t('need_sign_in', lang)), button));
    return;
  }
  if (ctx.state.households.show === 'people') {
    renderPeopleView(root, ctx);
    return;
  }
  const f = ctx.state.households;
  const { area, field: areaLabel } = areaField(ctx);
  const card = select('card', f.card, [['', t('card_any', lang)], ['with', t('card_with', lang)], ['without', t('card_without', lang)]], 'filter-card');
  const failed = select('failed_count', f.failed_count, [['', t('any', lang)], ...[0, 1, 2, 3, 4, 5].map((n): [string, string] => [String(n), String(n)])], 'filter-failed-count');
  const vulnerability = select('vulnerability', f.vulnerability, [['', t('any', lang)], ...[0, 1, 2, 3].map((n): [string, string] => [String(n), `${t('vulnerability_level', lang)} ${n}`])], 'filter-vulnerability');
  const indicator = select('indicators', f.indicators, [['', t('any', lang)], ...ctx.meta.indicators.map((i): [string, string] => [i.id, `${i.number}. ${lang === 'th' ? i.name_th : i.name_en}`])], 'filter-indicator');
  const logbook = select('logbook', f.logbook, [['', t('any', lang)], ...(['none', 'planned', 'in_progress', 'done'] as const).map((v): [string, string] => [v, t(`logbook_${v}`, lang)])], 'filter-logbook');
  const finance = select('finance', f.finance, [['', t('any', lang)], ...(['debt', 'informal_debt', 'no_finance'] as const).map((v): [string, string] => [v, t(`finance_${v}`, lang)])], 'filter-finance');
  const sort = select('sort', f.sort, SORTS.map((v): [string, string] => [v === 'house_code' ? '' : v, t(`sort_${v.replace('-', 'desc_')}` as MessageKey, lang)]), 'filter-sort');
  const form = h('form', { class: 'filters', 'data-testid': 'household-filters' },
    h('h2', {}, `${t('filters', lang)} · ${formatYear(ctx.year, lang)}`),
    areaLabel,
    h('fieldset', {}, h('legend', {}, t('dims_any', lang)), dimChecks(ctx.meta, 'dims_any', listOf(f.dims_any), lang)),
    h('fieldset', {}, h('legend', {}, t('dims_all', lang)), dimChecks(ctx.meta, 'dims_all', listOf(f.dims_all), lang)),
    h('label', {}, t('indicators_filter', lang), indicator),
    h('label', {}, t('card', lang), card),
    h('label', {}, t('failed_count', lang), failed),
    h('label', {}, t('vulnerability', lang), vulnerability),
    h('label', {}, t('logbook', lang), logbook),
    h('label', {}, t('finance_filter', lang), finance),
    h('label', {}, t('sort', lang), sort),
    h('div', { class: 'actions' },
      h('button', { type: 'reset' }, t('reset', lang)),
      h('button', { type: 'submit', 'data-testid': 'filter-submit' }, t('search', lang))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const checked = (name: string) => joinList([...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((i) => i.value));
    const next: HouseholdFilter = withArea(ctx.meta.levels, {
      dims_any: checked('dims_any'),
      dims_all: checked('dims_all'),
      indicators: indicator.value,
      card: card.value,
      failed_count: failed.value,
      vulnerability: vulnerability.value,
      logbook: logbook.value,
      finance: finance.value,
      sort: sort.value,
    }, area.value);
    for (const k of Object.keys(next) as Array<keyof HouseholdFilter>) if (!next[k]) delete next[k];
    ctx.setFilter(next);
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    ctx.setFilter({});
  });

  const row = (hh: Household) => {
    const located = hh.lat != null && hh.lon != null;
    const show = h('button', { type: 'button', class: 'link', 'data-testid': 'show-on-map', disabled: !located }, t('show_on_map', lang));
    show.addEventListener('click', () => ctx.showOnMap(hh));
    return h('tr', { 'data-house': hh.house_code },
      // Without the PII grant the server masks the name (possibly to nothing); the house code and
      // masked national id still tell rows apart.
      h('td', {}, h('div', {}, hh.head_name || t('masked', lang)), h('div', { class: 'muted' }, `${hh.house_code} · ${hh.national_id}`)),
      h('td', {}, (lang === 'en' && hh.address_en) || hh.address_th),
      ...ctx.meta.dimensions.map((d) => h('td', { class: hh.dims[d.id] ? 'dim fail' : 'dim pass', title: hh.dims[d.id] ? '✗' : '✓' }, hh.dims[d.id] ? '✗' : '✓')),
      h('td', { class: 'coords' }, located ? formatCoordinates(hh.lat!, hh.lon!, lang) : '–'),
      h('td', { class: 'num' }, formatCount(hh.failed_dim_count, lang)),
      h('td', { class: 'num' }, formatCount(hh.welfare_card_holders, lang)),
      h('td', { class: 'num' }, formatCount(hh.members, lang)),
      h('td', {}, show),
    );
  };

  const area0 = areaOf(ctx.meta.levels, f);
  const query = householdFilterOf(f);
  const results = pagedResults<Household>({
    lang,
    tableId: 'household-table',
    head: [
      h('th', {}, t('col_head', lang)),
      h('th', {}, t('col_address', lang)),
      ...ctx.meta.dimensions.map((d) => h('th', { title: lang === 'th' ? d.name_th : d.name_en, class: 'dim' }, lang === 'th' ? d.name_th : d.name_en)),
      h('th', {}, t('col_coords', lang)),
      h('th', { class: 'num' }, t('col_failed', lang)),
      h('th', { class: 'num' }, t('col_card', lang)),
      h('th', { class: 'num' }, t('col_members', lang)),
      h('th', {}, ''),
    ],
    row,
    pagePath: (cursor) => `/api/households?${householdQuery(query, ctx.year, cursor ? { limit: PAGE, cursor } : { limit: PAGE })}`,
    csvPath: `/api/households.csv?${householdQuery(query, ctx.year, { headers: lang })}`,
    csvName: `households-${ctx.year}${area0 ? `-${area0}` : ''}.csv`,
    noun: 'households',
    none: 'no_results',
    unauthorized: ctx.unauthorized,
  });
  form.prepend(viewToggle(ctx, 'households'));
  root.replaceChildren(form, results);
}
