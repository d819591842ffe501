/**
 * What the panel's figures mean, with their formulas: target share beside H (they count different
 * things: a household failing any one indicator, against a person whose weighted deprivations reach
 * k), A, M0 and the stars. Closed by default; the same in Thai and English.
 */
import { h } from '../dom.js';
import { t, type MessageKey } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';

const TERMS: Array<[MessageKey, MessageKey]> = [
  ['m_target_share', 'help_target_share'],
  ['m_h', 'help_h'],
  ['m_a', 'help_a'],
  ['m_m0', 'help_m0'],
  ['stars', 'help_stars'],
  ['m_clinic_2sfca', 'sfca_note'],
];

/** `open` in the printed report, where nothing can be clicked open. */
export function helpPanel(lang: Lang, open = false): HTMLElement {
  return h('details', { class: 'help', 'data-testid': 'help', open },
    h('summary', {}, t('help_title', lang)),
    h('dl', {}, ...TERMS.flatMap(([term, text]) => [h('dt', {}, t(term, lang)), h('dd', {}, t(text, lang))])),
  );
}
