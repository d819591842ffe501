/**
 * Find a place by name: a combobox over GET /api/search (Thai or English, prefix and typo-tolerant
 * on the server). Keyboard-driven: ↓/↑ move through the suggestions, Enter opens the highlighted one
 * (or the first), Escape closes the list. Choosing a place navigates to it, and the map flies there
 * as for any link. Made once and kept, so typing is never interrupted by a re-render of the page.
 * The area dashboard mounts another one limited to an area (`scope.within`: a province's districts
 * and subdistricts), with its own ids and label.
 */
import { searchPlaces } from '../api/areas.js';
import type { PlaceHit } from '../api/types.js';
import { h } from '../dom.js';
import { t } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';

const DEBOUNCE_MS = 150;

export interface SearchBox {
  setLang(lang: Lang): void;
}

/** "District · Province" under a name, so the many villages called the same can be told apart. */
function context(hit: PlaceHit, lang: Lang): string {
  const name = (th: string | null, en: string | null) => (lang === 'en' && en) || th;
  return [t(`level_${hit.level}` as 'level_province', lang), name(hit.district_th, hit.district_en), name(hit.province_th, hit.province_en)]
    .filter(Boolean).join(' · ');
}

/** A search box limited to the areas inside `within`, with ids prefixed by `id` and its own placeholder. */
export interface SearchScope {
  within?: string;
  id?: string;
  placeholder?: (lang: Lang) => string;
}

export function mountSearchBox(root: HTMLElement, initialLang: Lang, go: (code: string) => void, scope: SearchScope = {}): SearchBox {
  const id = scope.id ?? 'search';
  let lang = initialLang;
  let hits: PlaceHit[] = [];
  /** The text `hits` answer. */
  let hitsFor = '';
  let active = -1;
  let timer = 0;
  let asked = 0;
  const input = h('input', {
    type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: false, 'aria-autocomplete': 'list',
    'aria-expanded': 'false', 'aria-controls': `${id}-results`, 'data-testid': `${id}-input`,
  });
  const list = h('ul', { id: `${id}-results`, role: 'listbox', class: 'search-results', 'data-testid': `${id}-results`, hidden: true });
  const status = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(input, list, status);

  const label = () => {
    const text = scope.placeholder?.(lang) ?? t('search_places', lang);
    input.placeholder = text;
    input.setAttribute('aria-label', text);
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (hit: PlaceHit | undefined) => {
    if (!hit) return;
    input.value = (lang === 'en' && hit.name_en) || hit.name_th;
    close();
    input.blur();
    go(hit.code);
  };
  const draw = () => {
    list.replaceChildren(...hits.map((hit, i) => {
      const li = h('li', { id: `${id}-hit-${i}`, role: 'option', 'aria-selected': String(i === active), 'data-code': hit.code },
        h('span', { class: 'search-name' }, (lang === 'en' && hit.name_en) || hit.name_th),
        h('span', { class: 'muted search-context' }, context(hit, lang)));
      // mousedown, not click: the input's blur would close the list before a click lands
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(hit);
      });
      return li;
    }));
    if (!hits.length && input.value.trim()) list.replaceChildren(h('li', { class: 'muted', 'aria-disabled': 'true' }, t('search_none', lang)));
    list.hidden = !input.value.trim();
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-hit-${active}`);
    else input.removeAttribute('aria-activedescendant');
    status.textContent = input.value.trim() ? `${hits.length} ${t('search_found', lang)}` : '';
    list.dataset.for = hitsFor;
  };
  const ask = async () => {
    const q = input.value.trim();
    const mine = ++asked;
    if (!q) {
      hits = [];
      close();
      return;
    }
    try {
      const answer = await searchPlaces(q, 8, scope.within);
      if (mine !== asked) return; // a later keystroke has asked again
      hits = answer.items;
      hitsFor = q;
      active = hits.length ? 0 : -1;
      draw();
    } catch {
      if (mine === asked) close();
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    // the suggestions shown answer older text: the arrows and Enter wait for the new answer
    active = -1;
    hitsFor = '';
    list.dataset.for = '';
    timer = window.setTimeout(() => void ask(), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!hits.length || hitsFor !== input.value.trim()) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      draw();
      document.getElementById(`${id}-hit-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // the highlighted suggestion; Enter right after typing waits for the answer to what was typed
      window.clearTimeout(timer);
      if (hitsFor === input.value.trim()) choose(hits[Math.max(0, active)]);
      else void ask().then(() => choose(hits[Math.max(0, active)]));
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 100));
  input.addEventListener('focus', () => {
    if (hits.length && input.value.trim()) draw();
  });
  label();
  return {
    setLang(next: Lang) {
      if (next === lang) return;
      lang = next;
      label();
      if (!list.hidden) draw();
    },
  };
}
