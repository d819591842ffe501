/**
 * Hovering an area outlines it (feature-state, so no re-filtering) and shows an HTML tooltip with
 * its name and the coloured measure. HTML rather than map text: no glyph server is needed.
 */
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { formatCount } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { tileWithheldKeys, withheldText } from '../i18n/withheld.js';
import type { Lang } from '../state/url-state.js';
import { AREAS_LAYER, AREAS_SOURCE, FILL_LAYER } from './area-layers.js';
import { classLabel } from './hotspot-views.js';
import type { Measure } from './measures.js';

export interface HoverContext {
  lang(): Lang;
  measure(): Measure;
  /** Overlay symbols win: over a school or clinic the area tooltip would hide its popup. */
  overSymbol(point: { x: number; y: number }): boolean;
}

export function installHover(map: MapLibreMap, tooltip: HTMLElement, ctx: HoverContext): void {
  let hovered: string | number | undefined;

  const clear = () => {
    if (hovered !== undefined) map.setFeatureState({ source: AREAS_SOURCE, sourceLayer: AREAS_LAYER, id: hovered }, { hover: false });
    hovered = undefined;
    tooltip.hidden = true;
  };

  map.on('mousemove', FILL_LAYER, (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (!f || f.id === undefined || ctx.overSymbol(e.point)) return clear();
    if (hovered !== f.id) {
      clear();
      hovered = f.id;
      map.setFeatureState({ source: AREAS_SOURCE, sourceLayer: AREAS_LAYER, id: hovered }, { hover: true });
    }
    const lang = ctx.lang();
    const measure = ctx.measure();
    const p = f.properties;
    const name = (lang === 'en' && p.name_en) || p.name_th || p.code;
    // withheld (listed in the feature's `withheld` property, the value itself absent) is not "no data"
    const withheld = tileWithheldKeys(p);
    const value = p.suppressed === true
      ? t('legend_suppressed', lang)
      : withheld.has(measure.id) ? withheldText(lang)
      : p[measure.id] == null ? t('legend_no_data', lang)
      : measure.classes ? classLabel(measure.classes, String(p[measure.id]), lang)
      : measure.format(Number(p[measure.id]), lang);
    tooltip.replaceChildren(
      el('strong', `${name}`),
      el('div', `${t(`level_${p.level}` as 'level_province', lang)} · ${p.code}`, 'muted'),
      el('div', `${measure.label(lang)}: ${value}`),
      ...(p.suppressed === true ? [] : [el('div', `${t('households', lang)}: ${withheld.has('households') ? withheldText(lang) : formatCount(Number(p.households), lang)}`)]),
      el('div', t('click_to_drill', lang), 'muted'),
    );
    tooltip.hidden = false;
    const { x, y } = e.point;
    const box = map.getContainer().getBoundingClientRect();
    tooltip.style.left = `${Math.min(x + 14, box.width - tooltip.offsetWidth - 4)}px`;
    tooltip.style.top = `${Math.min(y + 14, box.height - tooltip.offsetHeight - 4)}px`;
  });
  map.on('mouseleave', FILL_LAYER, clear);
  map.on('mouseenter', FILL_LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', FILL_LAYER, () => (map.getCanvas().style.cursor = ''));
}

function el(tag: string, text: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  if (className) e.className = className;
  return e;
}
