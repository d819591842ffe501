/** Switches for the overlays the tile server offers, each with its symbol key. */
import { h } from '../dom.js';
import { t } from '../i18n/messages.js';
import type { Overlay } from '../layers/overlay.js';
import type { TileLayerInfo } from '../map/tiles.js';
import type { Lang } from '../state/url-state.js';

export function renderLayerList(
  root: HTMLElement,
  overlays: Array<{ overlay: Overlay; info: TileLayerInfo }>,
  on: readonly string[],
  lang: Lang,
  zoom: number,
  toggle: (id: string, visible: boolean) => void,
): void {
  if (!overlays.length) {
    root.hidden = true;
    return;
  }
  root.hidden = false;
  root.replaceChildren(
    h('div', { class: 'panel-title' }, t('layers', lang)),
    ...overlays.map(({ overlay, info }) => {
      const box = h('input', { type: 'checkbox', checked: on.includes(overlay.id), 'data-testid': `layer-${overlay.id}` });
      box.addEventListener('change', () => toggle(overlay.id, box.checked));
      const hint = zoom < info.minzoom ? h('span', { class: 'muted' }, ` (${t('layer_zoom_hint', lang)})`) : null;
      return h('div', { class: 'layer-item' },
        h('label', {}, box, ' ', overlay.label(lang), hint),
        on.includes(overlay.id) ? overlay.key(lang, info) : null,
      );
    }),
  );
}
