/**
 * From the map to action, in the area panel of a signed-in analyst (or admin): the menu items that
 * match the area's targets with their need against capacity, a form that hands an agency its
 * matched targets (per person or per household), the agency view of the area's hand-off lists
 * (handed off, acted on, done, outstanding) with each list's CSV, and the targets' progress by
 * stage. Loaded on demand (area-panel.ts imports it only for a signed-in user), so it costs the
 * start-up script nothing. Outside the analyst's grant the server answers 403 and the section says so.
 */
import { fetchMenuNeeds, fetchStageProgress } from '../api/dashboard.js';
import { ApiError, getJson, postJson, query } from '../api/http.js';
import type { HandoffBatch, HandoffList, HandoffUnit, MenuNeed, MenuNeeds, StageProgress } from '../api/types.js';
import { h } from '../dom.js';
import { formatCount } from '../i18n/format.js';
import type { Lang } from '../state/url-state.js';
import { downloadCsv } from '../households/export-csv.js';
import { ht, type HandoffMessage } from './messages.js';

const UNITS: HandoffUnit[] = ['person', 'household'];
const STAGES = ['survive', 'sufficiency', 'sustainable'] as const;

interface Loaded { needs: MenuNeeds; progress: StageProgress; batches: HandoffBatch[] }

async function load(code: string, year: number): Promise<Loaded> {
  const [needs, progress, list] = await Promise.all([
    fetchMenuNeeds(code, year),
    fetchStageProgress(code, year),
    getJson<HandoffList>('/api/handoffs'),
  ]);
  return { needs, progress, batches: list.items.filter((b) => b.area_code === code && b.survey_year === year) };
}

/** "label: value" as the other panel sections write their figures. */
const row = (label: string, value: string, testId: string) =>
  h('div', { class: 'hotspot-row', 'data-testid': testId }, h('span', { class: 'muted' }, `${label}: `), value);

function table(testId: string, head: string[], rows: Node[][]): HTMLElement {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'handoff', 'data-testid': testId },
      h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c)))))));
}

export async function renderHandoff(root: HTMLElement, code: string, year: number, lang: Lang): Promise<void> {
  const title = h('h3', {}, ht('handoff_section', lang));
  const say = (key: HandoffMessage) => root.replaceChildren(title, h('div', { class: 'muted', 'data-testid': 'handoff-message' }, ht(key, lang)));
  let data: Loaded;
  try {
    data = await load(code, year);
  } catch (err) {
    say(err instanceof ApiError && err.status === 403 ? 'handoff_outside_grant' : 'handoff_failed');
    return;
  }
  const count = (n: number) => formatCount(n, lang);
  const reload = () => void renderHandoff(root, code, year, lang);
  const { needs, progress, batches } = data;

  const itemName = (i: MenuNeed) => (lang === 'th' ? i.title_th : i.title_en);
  const items = needs.items.length
    ? table('handoff-items', [ht('agency', lang), ht('measure', lang), ht('need_people', lang), ht('within_capacity', lang), ht('capacity', lang)],
      needs.items.map((i) => [i.agency, itemName(i), count(i.needs), count(i.allocated), count(i.capacity_per_year)].map((x) => h('span', {}, x))))
    : h('div', { class: 'muted' }, ht('no_menu_items', lang));

  const agencies = [...new Set(needs.items.map((i) => i.agency))];
  const agency = h('select', { 'data-testid': 'handoff-agency', 'aria-label': ht('agency', lang) }, ...agencies.map((a) => h('option', { value: a }, a)));
  const unit = h('select', { 'data-testid': 'handoff-unit', 'aria-label': ht('unit', lang) },
    ...UNITS.map((u) => h('option', { value: u }, ht(`unit_${u}`, lang))));
  const servedOnly = h('input', { type: 'checkbox', checked: true, 'data-testid': 'handoff-served-only' });
  const create = h('button', { type: 'submit', 'data-testid': 'handoff-create', disabled: !agencies.length }, ht('create_batch', lang));
  const status = h('div', { class: 'muted', role: 'status', 'data-testid': 'handoff-status' });
  const form = h('form', { class: 'handoff-form no-print' },
    h('label', {}, `${ht('agency', lang)} `, agency), ' ',
    h('label', {}, `${ht('unit', lang)} `, unit), ' ',
    h('label', {}, servedOnly, ` ${ht('served_only', lang)}`), ' ',
    create, status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    create.disabled = true;
    postJson<HandoffBatch>('/api/handoffs', { agency: agency.value, area_code: code, year, unit: unit.value, allocated_only: servedOnly.checked })
      .then(reload)
      .catch((err: Error) => {
        status.textContent = err.message;
        create.disabled = false;
      });
  });

  const batchRows = batches.map((b) => {
    const csv = h('button', { type: 'button', class: 'link', 'data-testid': `handoff-csv-${b.id}` }, ht('download_csv', lang));
    csv.addEventListener('click', () => void downloadCsv(b.links?.csv ?? `/api/handoffs/${b.id}/targets.csv`, `handoff-${b.id}.csv`)
      .catch((err: Error) => (status.textContent = err.message)));
    const cell = (n: number, what: string) => h('span', { 'data-testid': `handoff-${what}-${b.id}` }, count(n));
    return [h('span', {}, `#${b.id}`), h('span', {}, b.agency), h('span', {}, ht(`unit_${b.unit}`, lang)),
      cell(b.handed_off, 'handed-off'), cell(b.acted_on, 'acted-on'), cell(b.done, 'done'), cell(b.outstanding, 'outstanding'), csv];
  });
  const batchTable = batches.length
    ? table('handoff-batches', ['', ht('agency', lang), ht('unit', lang), ht('handed_off', lang), ht('acted_on', lang), ht('done', lang), ht('outstanding', lang), ''], batchRows)
    : h('div', { class: 'muted' }, ht('no_batches', lang));

  const refresh = h('button', { type: 'button', class: 'link no-print', 'data-testid': 'handoff-refresh' }, ht('refresh', lang));
  refresh.addEventListener('click', reload);

  root.replaceChildren(
    title,
    row(ht('targets', lang), count(needs.target_households), 'handoff-targets'),
    row(ht('matched', lang), count(needs.matched_households), 'handoff-matched'),
    row(ht('served', lang), count(needs.served_households), 'handoff-served'),
    row(ht('unmet', lang), count(needs.unmet_households), 'handoff-unmet'),
    h('h4', {}, ht('menu_items', lang)), items,
    form,
    h('h4', {}, ht('batches', lang)), batchTable,
    h('h4', {}, ht('progress', lang), ' ', refresh),
    row(ht('handed_off', lang), count(progress.handed_off), 'handoff-progress-handed-off'),
    row(ht('acted_on', lang), count(progress.acted_on), 'handoff-progress-acted-on'),
    ...STAGES.map((s) => row(ht(`stage_${s}`, lang), count(progress.stages[s] ?? 0), `handoff-progress-${s}`)),
  );
}
