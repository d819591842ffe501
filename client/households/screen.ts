/**
 * The analyst's household search: the seed's filters, the table (head, address, the five
 * dimensions, coordinates, failed dimensions, welfare-card holders, members), "show on map" for a
 * row, and CSV export of the current filter. The filter lives in the URL like everything else.
 */
import { ApiError, getJson } from '../api/http.js';
import type { Household, HouseholdPage, Meta } from '../api/types.js';
import { h } from '../dom.js';
import { formatCoordinates, formatCount, formatYear } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import type { HouseholdFilter, Lang, ViewState } from '../state/url-state.js';
import { downloadCsv } from './export-csv.js';
import { areaOf, householdQuery, joinList, listOf, withArea } from './filter.js';

export interface ScreenContext {
  state: ViewState;
  year: number;
  /** The server's definitions: the dimensions and indicators to filter by, the levels of area codes. */
  meta: Meta;
  signedIn: boolean;
  setFilter(filter: HouseholdFilter): void;
  showOnMap(row: Household): void;
  signIn(): void;
  unauthorized(): void;
}

const PAGE = 50;
/** The API's sort keys (a leading - sorts descending); house code is its default. */
const SORTS = ['house_code', 'failed_dim_count', '-failed_dim_count', 'members', '-members'] as const;

function select(name: string, value: string | undefined, options: Array<[string, string]>, testId: string): HTMLSelectElement {
  return h('select', { name, 'data-testid': testId }, ...options.map(([v, label]) => h('option', { value: v, selected: (value ?? '') === v }, label)));
}

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
  const f = ctx.state.households;
  const area = h('input', { name: 'area', value: areaOf(ctx.meta.levels, f), inputmode: 'numeric', pattern: '[0-9]{2}([0-9]{2}){0,3}', placeholder: '10, 1001, 100101…', 'data-testid': 'filter-area' });
  const useSelected = h('button', { type: 'button', title: t('use_selected_area', lang), 'data-testid': 'use-selected-area' }, t('from_map', lang));
  useSelected.addEventListener('click', () => (area.value = ctx.state.area === 'TH' ? '' : ctx.state.area));
  const card = select('card', f.card, [['', t('card_any', lang)], ['with', t('card_with', lang)], ['without', t('card_without', lang)]], 'filter-card');
  const failed = select('failed_count', f.failed_count, [['', t('any', lang)], ...[0, 1, 2, 3, 4, 5].map((n): [string, string] => [String(n), String(n)])], 'filter-failed-count');
  const vulnerability = select('vulnerability', f.vulnerability, [['', t('any', lang)], ...[0, 1, 2, 3].map((n): [string, string] => [String(n), `${t('vulnerability_level', lang)} ${n}`])], 'filter-vulnerability');
  const indicator = select('indicators', f.indicators, [['', t('any', lang)], ...ctx.meta.indicators.map((i): [string, string] => [i.id, `${i.number}. ${lang === 'th' ? i.name_th : i.name_en}`])], 'filter-indicator');
  const logbook = select('logbook', f.logbook, [['', t('any', lang)], ...(['none', 'planned', 'in_progress', 'done'] as const).map((v): [string, string] => [v, t(`logbook_${v}`, lang)])], 'filter-logbook');
  const sort = select('sort', f.sort, SORTS.map((v): [string, string] => [v === 'house_code' ? '' : v, t(`sort_${v.replace('-', 'desc_')}` as MessageKey, lang)]), 'filter-sort');
  const form = h('form', { class: 'filters', 'data-testid': 'household-filters' },
    h('h2', {}, `${t('filters', lang)} · ${formatYear(ctx.year, lang)}`),
    h('label', {}, t('area_code', lang), h('span', { class: 'row' }, area, useSelected)),
    h('fieldset', {}, h('legend', {}, t('dims_any', lang)), dimChecks(ctx.meta, 'dims_any', listOf(f.dims_any), lang)),
    h('fieldset', {}, h('legend', {}, t('dims_all', lang)), dimChecks(ctx.meta, 'dims_all', listOf(f.dims_all), lang)),
    h('label', {}, t('indicators_filter', lang), indicator),
    h('label', {}, t('card', lang), card),
    h('label', {}, t('failed_count', lang), failed),
    h('label', {}, t('vulnerability', lang), vulnerability),
    h('label', {}, t('logbook', lang), logbook),
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
      sort: sort.value,
    }, area.value);
    for (const k of Object.keys(next) as Array<keyof HouseholdFilter>) if (!next[k]) delete next[k];
    ctx.setFilter(next);
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    ctx.setFilter({});
  });

  const status = h('div', { class: 'results-status', 'data-testid': 'results-status', role: 'status' }, t('loading', lang));
  const exportButton = h('button', { type: 'button', 'data-testid': 'export-csv', disabled: true }, t('export_csv', lang));
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true, 'data-testid': 'load-more' }, t('load_more', lang));
  const table = h('table', { class: 'households', 'data-testid': 'household-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, t('col_head', lang)),
      h('th', {}, t('col_address', lang)),
      ...ctx.meta.dimensions.map((d) => h('th', { title: lang === 'th' ? d.name_th : d.name_en, class: 'dim' }, lang === 'th' ? d.name_th : d.name_en)),
      h('th', {}, t('col_coords', lang)),
      h('th', { class: 'num' }, t('col_failed', lang)),
      h('th', { class: 'num' }, t('col_card', lang)),
      h('th', { class: 'num' }, t('col_members', lang)),
      h('th', {}, ''),
    )),
    tbody,
  );
  const results = h('div', { class: 'results' }, h('div', { class: 'results-bar' }, h('h2', {}, t('results', lang)), status, exportButton), h('div', { class: 'table-wrap' }, table), more);
  root.replaceChildren(form, results);

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

  let shown = 0;
  let total = 0;
  const showStatus = () => {
    status.textContent = total === 0 ? t('no_results', lang) : `${formatCount(shown, lang)} ${t('of_total', lang)} ${formatCount(total, lang)} ${t('households', lang)}`;
    status.dataset.total = String(total);
    status.dataset.shown = String(shown);
  };
  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) ctx.unauthorized();
    status.textContent = `${t('error', lang)}: ${(err as Error).message}`;
    status.classList.add('error');
  };
  const load = async (cursor: string | null) => {
    more.disabled = true;
    const page = await getJson<HouseholdPage>(`/api/households?${householdQuery(f, ctx.year, cursor ? { limit: PAGE, cursor } : { limit: PAGE })}`);
    tbody.append(...page.items.map(row));
    shown += page.items.length;
    total = page.total;
    showStatus();
    more.hidden = !page.next_cursor;
    more.disabled = false;
    more.onclick = () => void load(page.next_cursor).catch(fail);
    exportButton.disabled = total === 0;
  };
  void load(null).catch(fail);

  exportButton.addEventListener('click', () => {
    exportButton.disabled = true;
    exportButton.textContent = t('exporting', lang);
    const name = `households-${ctx.year}${areaOf(ctx.meta.levels, f) ? `-${areaOf(ctx.meta.levels, f)}` : ''}.csv`;
    downloadCsv(`/api/households.csv?${householdQuery(f, ctx.year, { headers: lang })}`, name)
      .catch(fail)
      .finally(() => {
        exportButton.disabled = false;
        exportButton.textContent = t('export_csv', lang);
      });
  });
}
