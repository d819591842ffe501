/**
 * The dashboard's building blocks: every figure it prints is a link to the map view (an area and a
 * measure) or the list behind it, written as a real URL (it can be opened in a new tab, copied, and
 * it prints as the place it points to) and followed inside the app on a plain click.
 */
import type { AreaLevel } from '../api/types.js';
import { h } from '../dom.js';
import { formatUrl, withChanges, type HouseholdFilter, type Lang, type ViewState } from '../state/url-state.js';

export interface DashboardContext {
  state: ViewState;
  year: number;
  lang: Lang;
  /** Go to another view of the app (a map view, the household list). */
  go(patch: Partial<ViewState>): void;
}

/** A link to `patch` applied to the current view: an href that works on its own, followed in-app on a click. */
export function viewLink(ctx: DashboardContext, patch: Partial<ViewState>, text: string | Node, testId?: string): HTMLAnchorElement {
  const a = h('a', { href: formatUrl(withChanges(ctx.state, patch)), 'data-testid': testId }, text);
  a.addEventListener('click', (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    ctx.go(patch);
  });
  return a;
}

/** A link to the map showing `area` coloured by `measure`. */
export const mapLink = (ctx: DashboardContext, area: string, measure: string, text: string | Node, testId?: string) =>
  viewLink(ctx, { route: 'map', area, measure, camera: null, pin: null }, text, testId);

/** The household screen's filter for the households of an area (the country: no filter). */
export function householdFilterOf(code: string, level: AreaLevel): HouseholdFilter {
  return level === 'country' ? {} : { [level]: code };
}

/** A link to the analyst's household list of an area, narrowed further by `filter`. */
export const listLink = (ctx: DashboardContext, code: string, level: AreaLevel, filter: HouseholdFilter, text: string | Node, testId?: string) =>
  viewLink(ctx, { route: 'households', households: { ...householdFilterOf(code, level), ...filter } }, text, testId);

/** A titled part of a section. */
export function block(title: string, testId: string, ...body: (Node | string)[]): HTMLElement {
  return h('div', { class: 'dash-block', 'data-testid': testId }, h('h3', {}, title), ...body);
}

/** A big figure with its label; `value` is usually a link. */
export function tile(label: string, value: Node | string, testId?: string): HTMLElement {
  return h('div', { class: 'figure', 'data-testid': testId }, h('div', { class: 'figure-value' }, value), h('div', { class: 'figure-label' }, label));
}

/** A table with a header row; cells may be links. */
export function table(head: string[], rows: (Node | string)[][], testId?: string): HTMLElement {
  return h('table', { class: 'dash-table', 'data-testid': testId },
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}
