/**
 * The area's figures over the survey years: a line chart (uPlot, loaded with this panel section only)
 * and the same figures as a table, for readers and for print. A withheld figure is a gap in the line
 * and "<5" / ไม่เปิดเผย in the table, never a 0.
 */
import { fetchArea } from '../api/areas.js';
import type { AreaSummary } from '../api/types.js';
import { h } from '../dom.js';
import { formatShare, formatYear } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import { orWithheld } from '../i18n/withheld.js';
import type { Lang } from '../state/url-state.js';

/** What the chart draws: shares of the area summary, each with its colour. */
const SERIES: Array<{ key: 'target_share' | 'h'; label: MessageKey; color: string }> = [
  { key: 'target_share', label: 'm_target_share', color: '#bd0026' },
  { key: 'h', label: 'm_h', color: '#2c7fb8' },
];

const shareOf = (a: AreaSummary, key: 'target_share' | 'h'): number | null =>
  key === 'h' ? a.h : a.target_households == null || !a.households ? null : a.target_households / a.households;

export async function renderTrend(root: HTMLElement, code: string, years: readonly number[], lang: Lang): Promise<void> {
  let areas: AreaSummary[];
  try {
    areas = await Promise.all(years.map((y) => fetchArea(code, y)));
  } catch (err) {
    root.replaceChildren(h('div', { class: 'error' }, (err as Error).message));
    return;
  }
  const table = h('table', { class: 'trend-table', 'data-testid': 'trend-table' },
    h('thead', {}, h('tr', {}, h('th', {}, t('year', lang)), ...SERIES.map((s) => h('th', {}, h('span', { class: 'swatch-line', style: `background:${s.color}` }), ' ', t(s.label, lang))))),
    h('tbody', {}, ...areas.map((a, i) => h('tr', { 'data-year': String(years[i]) },
      h('td', {}, formatYear(years[i], lang)),
      ...SERIES.map((s) => h('td', { class: 'num' }, orWithheld(shareOf(a, s.key), (v) => formatShare(v, lang), lang))))),
    ),
  );
  const chart = h('div', { class: 'trend-chart', 'data-testid': 'trend-chart' });
  root.replaceChildren(chart, table);
  if (years.length < 2) {
    chart.replaceChildren(h('div', { class: 'muted' }, t('trend_one_year', lang)));
    return;
  }
  const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
  const width = Math.max(240, Math.min(340, root.clientWidth || 320));
  const data = [years.map(Number), ...SERIES.map((s) => areas.map((a) => {
    const v = shareOf(a, s.key);
    return v == null ? null : v * 100;
  }))];
  chart.replaceChildren();
  new UPlot({
    width,
    height: 160,
    series: [{}, ...SERIES.map((s) => ({ label: t(s.label, lang), stroke: s.color, width: 2, points: { size: 6 }, value: (_u: unknown, v: number | null) => (v == null ? '–' : `${v.toFixed(1)} %`) }))],
    axes: [
      { values: (_u: unknown, ticks: number[]) => ticks.map((y) => (Number.isInteger(y) ? formatYear(y, lang) : '')) },
      { values: (_u: unknown, ticks: number[]) => ticks.map((v) => `${v.toFixed(1)} %`), size: 56 },
    ],
    scales: { x: { time: false }, y: { range: (_u: unknown, _min: number, max: number) => [0, Math.max(1, max * 1.15)] } },
    legend: { show: false },  // the table below names the lines and gives their values
  }, data as unknown as [number[], ...Array<Array<number | null>>], chart);
  chart.dataset.drawn = '1';
}
