/**
 * The legend states what the colours mean: the measure, the survey year, the level shown, the
 * classes with their value ranges, the greys for suppressed areas, and the classing method.
 */
import { h } from '../dom.js';
import { formatCount, formatYear } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { COLORS } from '../map/colors.js';
import type { LegendInfo } from '../map/choropleth.js';
import type { ClassMethod, Lang } from '../state/url-state.js';

export function renderLegend(
  root: HTMLElement,
  info: LegendInfo | null,
  lang: Lang,
  year: number | null,
  onMethod: (m: ClassMethod) => void,
): void {
  if (!info) {
    root.replaceChildren(h('div', { class: 'muted' }, t('legend_loading', lang)));
    return;
  }
  const { measure, breaks, colors } = info;
  const bounds = [info.min, ...breaks, info.max];
  const rows = colors.map((color, i) => {
    const from = measure.format(bounds[i], lang);
    const to = measure.format(bounds[i + 1], lang);
    return h('li', { 'data-class': i }, h('span', { class: 'swatch', style: `background:${color}` }), `${from} – ${to}`);
  });
  rows.push(h('li', {}, h('span', { class: 'swatch', style: `background:${COLORS.suppressed}` }), t('legend_suppressed', lang)));
  const method = h('select', { 'aria-label': t('classes', lang), 'data-testid': 'class-method' },
    h('option', { value: 'quantile', selected: info.method === 'quantile' }, t('quantile', lang)),
    h('option', { value: 'jenks', selected: info.method === 'jenks' }, t('jenks', lang)),
  );
  method.addEventListener('change', () => onMethod(method.value as ClassMethod));
  root.replaceChildren(
    h('div', { class: 'legend-title', 'data-testid': 'legend-title' }, measure.label(lang)),
    h('div', { class: 'muted' }, [year != null ? formatYear(year, lang) : '', t(`levels_${info.level}`, lang), `${formatCount(info.count, lang)} ${lang === 'th' ? 'พื้นที่' : 'areas'}`].filter(Boolean).join(' · ')),
    h('ul', { class: 'legend-classes' }, ...rows),
    h('label', { class: 'legend-method' }, `${t('classes', lang)} `, method),
  );
}
