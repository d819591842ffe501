/** The top bar: title, measure, language, the household screen and sign-in. */
import type { Session } from '../auth/session.js';
import { h } from '../dom.js';
import { formatDate } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import type { Measure, MeasureGroup } from '../map/measures.js';
import type { Lang, ViewState } from '../state/url-state.js';

export interface HeaderContext {
  state: ViewState;
  measures: Measure[];
  session: Session;
  setMeasure(id: string): void;
  setLang(lang: Lang): void;
  go(route: ViewState['route']): void;
  signIn(): void;
  signOut(): void;
}

const GROUPS: Array<[MeasureGroup, MessageKey]> = [
  ['summary', 'measures_group_summary'], ['people', 'measures_group_people'], ['hotspots', 'measures_group_hotspots'], ['access', 'measures_group_access'],
  ['context', 'measures_group_context'], ['dimensions', 'measures_group_dimensions'], ['indicators', 'measures_group_indicators'],
];

export function renderHeader(root: HTMLElement, ctx: HeaderContext): void {
  const { lang } = ctx.state;
  const measure = h('select', { 'data-testid': 'measure-select', 'aria-label': t('measure', lang) },
    ...GROUPS.map(([group, key]) => h('optgroup', { label: t(key, lang) },
      ...ctx.measures.filter((m) => m.group === group).map((m) => h('option', { value: m.id, selected: m.id === ctx.state.measure }, m.label(lang))))),
  );
  measure.addEventListener('change', () => ctx.setMeasure(measure.value));
  const langButton = (l: Lang, label: string) => {
    const b = h('button', { type: 'button', 'aria-pressed': String(l === lang), 'data-testid': `lang-${l}`, lang: l }, label);
    b.addEventListener('click', () => ctx.setLang(l));
    return b;
  };
  const nav = (route: ViewState['route'], label: string, testId: string) => {
    const a = h('a', { href: route === 'map' ? '/' : '/households', 'aria-current': ctx.state.route === route ? 'page' : undefined, 'data-testid': testId }, label);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      ctx.go(route);
    });
    return a;
  };
  const user = ctx.session.user;
  const auth = user
    ? h('span', { class: 'user' },
        h('span', { 'data-testid': 'user-name', title: ctx.session.expiresAt ? `${t('session_until', lang)} ${formatDate(ctx.session.expiresAt, lang)}` : undefined },
          `${t('signed_in_as', lang)}: ${user.username}`), ' ',
        button(t('sign_out', lang), 'sign-out', ctx.signOut))
    : button(t('sign_in', lang), 'sign-in', ctx.signIn);
  root.replaceChildren(
    h('h1', { 'data-testid': 'app-title' }, t('title', lang)),
    h('nav', {}, nav('map', t('map', lang), 'nav-map'), nav('households', t('households_screen', lang), 'nav-households')),
    ctx.state.route === 'map' ? h('label', { class: 'measure' }, `${t('measure', lang)} `, measure) : h('span', { class: 'spacer' }),
    h('span', { class: 'lang', role: 'group', 'aria-label': t('language', lang) }, langButton('th', 'ไทย'), langButton('en', 'EN')),
    auth,
  );
}

function button(label: string, testId: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', 'data-testid': testId }, label);
  b.addEventListener('click', onClick);
  return b;
}
