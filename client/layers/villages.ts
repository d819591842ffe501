/**
 * Village potential (the national village survey's seven scores, 1 = needs urgent development,
 * 3 = advanced) as a dot per village, coloured by the mean score, from the `villages` tile layer.
 * PRGn colours: distinguishable for colour-blind readers; grey when the year had no survey.
 */
import type { ExpressionSpecification, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { h } from '../dom.js';
import { formatDecimal } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import { tileUrlsForYear, type TileLayerInfo } from '../map/tiles.js';
import type { Lang } from '../state/url-state.js';
import { setLayerVisible, setSourceYear, type Overlay } from './overlay.js';

const SOURCE = 'villages';
const LAYER = 'villages-dots';
export const POTENTIAL_SCORES = ['infrastructure', 'economy', 'health', 'education', 'community_strength', 'environment', 'safety'] as const;
const CLASSES: Array<{ upTo: number; color: string; key: MessageKey }> = [
  { upTo: 5 / 3, color: '#762a83', key: 'potential_low' },
  { upTo: 7 / 3, color: '#c2a5cf', key: 'potential_mid' },
  { upTo: Infinity, color: '#1b7837', key: 'potential_high' },
];

const mean = ['/', ['+', ...POTENTIAL_SCORES.map((s) => ['to-number', ['get', s], 0])], POTENTIAL_SCORES.length];

export const villagesOverlay: Overlay = {
  id: 'villages',
  label: (lang) => t('layer_villages', lang),
  clickableLayers: [LAYER],

  add(map, info, year) {
    map.addSource(SOURCE, {
      type: 'vector',
      tiles: tileUrlsForYear(info.tilejson, year),
      minzoom: info.tilejson.minzoom,
      maxzoom: info.tilejson.maxzoom,
    });
    map.addLayer({
      id: LAYER,
      type: 'circle',
      source: SOURCE,
      'source-layer': 'villages',
      layout: { visibility: 'none' },
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 4, 14, 8],
        'circle-color': ['case', ['!', ['has', 'economy']], '#bdbdbd',
          ['step', mean, CLASSES[0].color, CLASSES[0].upTo, CLASSES[1].color, CLASSES[1].upTo, CLASSES[2].color]] as unknown as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    });
  },

  setVisible(map: MapLibreMap, visible: boolean) {
    setLayerVisible(map, LAYER, visible);
  },

  setYear(map: MapLibreMap, info: TileLayerInfo, year: number) {
    setSourceYear(map, SOURCE, info, year);
  },

  popup(feature: MapGeoJSONFeature, lang: Lang) {
    const p = feature.properties;
    const rows = POTENTIAL_SCORES.filter((s) => p[s] != null).map((s) => h('li', {}, `${t(`potential_${s}`, lang)}: ${p[s]}`));
    const scores = POTENTIAL_SCORES.map((s) => Number(p[s])).filter(Number.isFinite);
    return h('div', { class: 'service-popup', 'data-testid': 'village-popup' },
      h('strong', {}, (lang === 'en' && p.name_en) || p.name_th),
      h('div', { class: 'muted' }, String(p.code)),
      scores.length
        ? h('div', {}, `${t('potential_mean', lang)}: ${formatDecimal(scores.reduce((a, b) => a + b, 0) / scores.length, lang, 2)}`)
        : h('div', { class: 'muted' }, t('legend_no_data', lang)),
      h('ul', { class: 'overlay-key' }, ...rows),
    );
  },

  key(lang: Lang) {
    return h('ul', { class: 'overlay-key' },
      ...CLASSES.map((c) => h('li', {}, h('span', { class: 'dot', style: `background:${c.color}` }), t(c.key, lang))),
    );
  },
};
