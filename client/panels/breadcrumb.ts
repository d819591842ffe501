/** The path from the country to the selected area; each step climbs back up. */
import type { AreaRef } from '../api/types.js';
import { h } from '../dom.js';
import { t } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';

export function areaName(a: Pick<AreaRef, 'code' | 'name_th' | 'name_en'>, lang: Lang): string {
  if (a.code === 'TH') return t('country', lang);
  return (lang === 'en' && a.name_en) || a.name_th;
}

export function renderBreadcrumb(root: HTMLElement, path: AreaRef[], current: AreaRef | null, lang: Lang, go: (code: string) => void): void {
  const steps = path.length && path[0].code === 'TH' ? path : [{ code: 'TH', level: 'country', name_th: 'ประเทศไทย', name_en: 'Thailand' } as AreaRef, ...path];
  const items: Node[] = [];
  for (const a of steps) {
    if (current && a.code === current.code) continue;
    const link = h('a', { href: a.code === 'TH' ? '/' : `/area/${a.code}`, 'data-code': a.code }, areaName(a, lang));
    link.addEventListener('click', (e) => {
      e.preventDefault();
      go(a.code);
    });
    items.push(h('li', {}, link));
  }
  if (current) items.push(h('li', { 'aria-current': 'page' }, areaName(current, lang)));
  root.replaceChildren(h('ol', {}, ...items));
}
