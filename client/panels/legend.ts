/**
 * The legend states what the colours mean: the measure, the survey year, the level shown, the
 * classes with the value ranges of their areas (over every area of the level, from the server, so
 * zooming or panning never changes them), the greys for suppressed areas, and the classing method.
 */
import { h } from '../dom.js';
import { formatCount, formatYear } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { COLORS } from '../map/colors.js';
import { fittingDigits } from '../map/precision.js';
import type { LegendInfo } from '../map/choropleth.js';
import type { ClassMethod, Lang } from '../state/url-state.js';

export function renderLegend(root: HTMLElement, info: LegendInfo | null, lang: Lang, onMethod: (m: ClassMethod) => void): void {
  if (!info) {
    root.replaceChildren(h('div', { class: 'muted' }, t('legend_loading', lang)));
    return;
  }
  const { measure, breaks, colors } = info;
  const rows = info.classes ? info.classes.map((c) =>
    h('li', { 'data-class': c.value }, h('span', { class: 'swatch', style: `background:${c.color}` }), t(c.label, lang),
      h('span', { class: 'muted legend-count' }, ` (${formatCount(c.count, lang)})`)))
    : measure.diverging && info.count === 0 ? [h('li', { 'data-testid': 'legend-no-change' }, t('no_previous_year', lang))]
    : measure.diverging ? divergingRows(info, lang)
    : rangeRows(info, lang);
  if (measure.diverging && info.count > 0) {
    rows.push(
      h('li', { 'data-class': 'crossed-up' }, h('span', { class: 'swatch swatch-outline' }), t('crossed_up', lang)),
      h('li', { 'data-class': 'crossed-down' }, h('span', { class: 'swatch swatch-outline swatch-dashed' }), t('crossed_down', lang)),
    );
  }
  rows.push(h('li', {}, h('span', { class: 'swatch', style: `background:${COLORS.suppressed}` }), t('legend_suppressed', lang)));
  // areas whose value is withheld share the suppressed grey; their number is said, never folded into a class
  if (info.withheld > 0) {
    rows.push(h('li', { 'data-testid': 'legend-withheld' }, h('span', { class: 'swatch', style: `background:${COLORS.suppressed}` }),
      t('legend_withheld', lang), h('span', { class: 'muted legend-count' }, ` (${formatCount(info.withheld, lang)})`)));
  }
  const method = h('select', { 'aria-label': t('classes', lang), 'data-testid': 'class-method' },
    h('option', { value: 'quantile', selected: info.method === 'quantile' }, t('quantile', lang)),
    h('option', { value: 'jenks', selected: info.method === 'jenks' }, t('jenks', lang)),
  );
  method.addEventListener('change', () => onMethod(method.value as ClassMethod));
  const extras: HTMLElement[] = [];
  // class views and the change view have fixed classes: the method picker would change nothing
  if (!measure.classes && !measure.diverging) extras.push(h('label', { class: 'legend-method' }, `${t('classes', lang)} `, method));
  if (measure.note) extras.push(h('p', { class: 'legend-note muted', 'data-testid': 'legend-note' }, t(measure.note, lang)));
  // an overlay in colours of its own is on: the areas are neutral meanwhile, and the legend says so
  if (info.hiddenBy) extras.unshift(h('p', { class: 'notice legend-hidden', 'data-testid': 'legend-hidden' }, t('legend_hidden_by_overlay', lang)));
  root.replaceChildren(
    h('div', { class: 'legend-title', 'data-testid': 'legend-title' }, measure.label(lang)),
    h('div', { class: 'muted' }, [formatYear(info.year, lang), t(`levels_${info.level}`, lang), `${formatCount(info.count, lang)} ${lang === 'th' ? 'พื้นที่' : 'areas'}`].filter(Boolean).join(' · ')),
    h('ul', { class: `legend-classes${info.hiddenBy ? ' legend-off' : ''}`, 'data-testid': 'legend-classes' }, ...rows),
    ...extras,
  );
}

/**
 * Each class with the values its areas actually span (the server's ranges over every area of the
 * level), in as many decimals as it takes to tell the bounds apart and no real value reads as 0.
 */
function rangeRows(info: LegendInfo, lang: Lang): HTMLElement[] {
  const { measure, colors, ranges } = info;
  const digits = fittingDigits(measure, ranges.flatMap((r) => [r.from, r.to]), lang);
  const fmt = (v: number) => measure.format(v, lang, digits);
  return colors.map((color, i) => {
    const r = ranges[i];
    const text = !r || r.from == null || r.to == null ? '–' : r.from === r.to ? fmt(r.from) : `${fmt(r.from)} – ${fmt(r.to)}`;
    return h('li', { 'data-class': i, title: r ? `${formatCount(r.areas, lang)} ${lang === 'th' ? 'พื้นที่' : 'areas'}` : undefined },
      h('span', { class: 'swatch', style: `background:${color}` }), text);
  });
}

/** The change view's classes: open-ended at both ends, zero inside the middle class. */
function divergingRows(info: LegendInfo, lang: Lang): HTMLElement[] {
  const { measure, breaks, colors } = info;
  const digits = fittingDigits(measure, breaks, lang);
  const fmt = (v: number) => measure.format(v, lang, digits);
  return colors.map((color, i) => {
    const text = i === 0 ? `< ${fmt(breaks[0])}`
      : i === colors.length - 1 ? `≥ ${fmt(breaks[breaks.length - 1])}`
      : `${fmt(breaks[i - 1])} – ${fmt(breaks[i])}`;
    return h('li', { 'data-class': i }, h('span', { class: 'swatch', style: `background:${color}` }), text);
  });
}
