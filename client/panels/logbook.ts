/**
 * The assistance logbook's progress in an area: its target households by the status of their latest
 * logbook entry (none, planned, in progress, done) and the share helped (a `done` entry). A withheld
 * count reads "<5" / ไม่เปิดเผย, never 0.
 */
import { fetchAreaAssistance } from '../api/areas.js';
import { h } from '../dom.js';
import { formatCount, formatShare } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import { orWithheld } from '../i18n/withheld.js';
import type { Lang } from '../state/url-state.js';
import { bars } from './bars.js';

const STATUSES = [
  ['done', 'logbook_done', '#1a7f37'],
  ['in_progress', 'logbook_in_progress', '#f0a020'],
  ['planned', 'logbook_planned', '#2c7fb8'],
  ['none', 'logbook_none', '#969696'],
] as const;

export async function renderLogbook(root: HTMLElement, code: string, year: number, lang: Lang): Promise<void> {
  try {
    const a = await fetchAreaAssistance(code, year);
    if (a.suppressed) {
      root.replaceChildren(h('div', { class: 'muted' }, t('suppressed_area', lang)));
      return;
    }
    const by = a.targets_by_status ?? {};
    root.replaceChildren(
      h('div', { class: 'hotspot-row', 'data-testid': 'logbook-helped' },
        h('span', { class: 'muted' }, `${t('m_helped_share', lang)}: `),
        orWithheld(a.helped_share, (v) => formatShare(v, lang), lang),
        h('span', { class: 'muted' }, ` (${orWithheld(a.helped_households, (v) => formatCount(v, lang), lang)} / ${orWithheld(a.target_households, (v) => formatCount(v, lang), lang)})`)),
      bars(STATUSES.map(([key, label, color]) => {
        const n = by[key];
        return { label: t(label, lang), value: n ?? 0, withheld: n == null, color, text: orWithheld(n, (v) => formatCount(v, lang), lang) };
      }), 'logbook-status'),
    );
  } catch {
    root.replaceChildren(h('div', { class: 'muted' }, t('no_logbook', lang)));
  }
}
