/**
 * The results half of the analyst's screen, for households and for people alike: a status line
 * ("50 of 1,234"), the table filled page by page with "load more" (the API's keyset cursor), and the
 * CSV export of the whole filter. The caller brings the table head and how to draw a row.
 */
import { ApiError, getJson } from '../api/http.js';
import { h } from '../dom.js';
import { formatCount } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';
import { downloadCsv } from './export-csv.js';

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  total: number;
}

export interface ResultsOptions<T> {
  lang: Lang;
  /** The table's test id and its header cells. */
  tableId: string;
  head: HTMLElement[];
  row(item: T): HTMLElement;
  /** The API path of a page after `cursor` (null: the first page). */
  pagePath(cursor: string | null): string;
  csvPath: string;
  csvName: string;
  /** What the total counts (households, people) and what to say when there is none. */
  noun: MessageKey;
  none: MessageKey;
  unauthorized(): void;
}

export function pagedResults<T>(o: ResultsOptions<T>): HTMLElement {
  const { lang } = o;
  const status = h('div', { class: 'results-status', 'data-testid': 'results-status', role: 'status' }, t('loading', lang));
  const exportButton = h('button', { type: 'button', 'data-testid': 'export-csv', disabled: true }, t('export_csv', lang));
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true, 'data-testid': 'load-more' }, t('load_more', lang));
  const table = h('table', { class: 'households', 'data-testid': o.tableId }, h('thead', {}, h('tr', {}, ...o.head)), tbody);

  let shown = 0;
  let total = 0;
  const showStatus = () => {
    status.textContent = total === 0 ? t(o.none, lang) : `${formatCount(shown, lang)} ${t('of_total', lang)} ${formatCount(total, lang)} ${t(o.noun, lang)}`;
    status.dataset.total = String(total);
    status.dataset.shown = String(shown);
  };
  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) o.unauthorized();
    status.textContent = `${t('error', lang)}: ${(err as Error).message}`;
    status.classList.add('error');
  };
  const load = async (cursor: string | null) => {
    more.disabled = true;
    const page = await getJson<Page<T>>(o.pagePath(cursor));
    tbody.append(...page.items.map(o.row));
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
    downloadCsv(o.csvPath, o.csvName)
      .catch(fail)
      .finally(() => {
        exportButton.disabled = false;
        exportButton.textContent = t('export_csv', lang);
      });
  });
  return h('div', { class: 'results' }, h('div', { class: 'results-bar' }, h('h2', {}, t('results', lang)), status, exportButton), h('div', { class: 'table-wrap' }, table), more);
}
