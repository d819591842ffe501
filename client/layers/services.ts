/** Schools, hospitals and subdistrict health-promoting hospitals from the `services` tile layer. */
import type { ExpressionSpecification, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { h } from '../dom.js';
import { formatCount } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { tileUrlsForYear, type TileLayerInfo } from '../map/tiles.js';
import type { Lang } from '../state/url-state.js';
import { setLayerVisible, setSourceYear, type Overlay } from './overlay.js';
import { addServiceIcons, iconCanvas, iconName, SERVICE_KINDS, type ServiceKind } from './service-icons.js';

const SOURCE = 'services';
const LAYER = 'services-symbols';

export const servicesOverlay: Overlay = {
  id: 'services',
  label: (lang) => t('layer_services', lang),
  clickableLayers: [LAYER],

  add(map, info, year) {
    addServiceIcons(map);
    map.addSource(SOURCE, {
      type: 'vector',
      tiles: tileUrlsForYear(info.tilejson, year),
      minzoom: info.tilejson.minzoom,
      maxzoom: info.tilejson.maxzoom,
    });
    map.addLayer({
      id: LAYER,
      type: 'symbol',
      source: SOURCE,
      'source-layer': 'services',
      layout: {
        visibility: 'none',
        'icon-image': ['match', ['get', 'kind'], ...SERVICE_KINDS.flatMap((k) => [k, iconName(k)]), iconName('school')] as unknown as ExpressionSpecification,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 6, 0.6, 10, 0.8, 14, 1],
        'icon-allow-overlap': true,
        // Hospitals on top: fewer and more important than the many schools.
        'symbol-sort-key': ['match', ['get', 'kind'], 'hospital', 0, 'health_promoting_hospital', 1, 2],
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
    const kind = p.kind as ServiceKind;
    return h('div', { class: 'service-popup', 'data-testid': 'service-popup' },
      h('strong', {}, (lang === 'en' && p.name_en) || p.name_th),
      h('div', {}, t(`kind_${kind}`, lang)),
      h('div', { class: 'muted' }, `${t('capacity', lang)}: ${formatCount(Number(p.capacity), lang)}`),
    );
  },

  key(lang: Lang) {
    return h('ul', { class: 'overlay-key' },
      ...SERVICE_KINDS.map((k) => h('li', {}, iconCanvas(k), t(`kind_${k}`, lang),
        // The tile layer leaves schools out below z10 (too many to draw); say so rather than let them vanish.
        k === 'school' ? h('span', { class: 'muted' }, ` (${t('schools_from_zoom', lang)})`) : null)),
    );
  },
};
