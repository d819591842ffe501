/**
 * What the analyst's screen is given by the app, and the switch between its two lists: households
 * and the people in them. Both share the URL's filter (the area stays when switching); `show=people`
 * picks the people.
 */
import type { Household, Meta } from '../api/types.js';
import { h } from '../dom.js';
import { t } from '../i18n/messages.js';
import type { HouseholdFilter, ViewState } from '../state/url-state.js';
import { areaOf } from './filter.js';

export interface ScreenContext {
  state: ViewState;
  year: number;
  /** The server's definitions: the dimensions, indicators and groups of people to filter by, the levels of area codes. */
  meta: Meta;
  signedIn: boolean;
  setFilter(filter: HouseholdFilter): void;
  showOnMap(row: Household): void;
  signIn(): void;
  unauthorized(): void;
}

/** Rows per page of either list. */
export const PAGE = 50;

/** Two buttons, the current list pressed; the other switches to it, keeping the filter. */
export function viewToggle(ctx: ScreenContext, current: 'households' | 'people'): HTMLElement {
  const button = (view: 'households' | 'people') => {
    const b = h('button', { type: 'button', 'aria-pressed': String(view === current), 'data-testid': `show-${view}` }, t(`show_${view}`, ctx.state.lang));
    b.addEventListener('click', () => {
      if (view === current) return;
      const next: HouseholdFilter = { ...ctx.state.households };
      if (view === 'people') next.show = 'people';
      else delete next.show;
      ctx.setFilter(next);
    });
    return b;
  };
  return h('div', { class: 'view-toggle', role: 'group' }, button('households'), button('people'));
}

/** A drop-down of `[value, label]` options with `value` chosen ('' for the first, "any", option). */
export function select(name: string, value: string | undefined, options: Array<[string, string]>, testId: string): HTMLSelectElement {
  return h('select', { name, 'data-testid': testId }, ...options.map(([v, label]) => h('option', { value: v, selected: (value ?? '') === v }, label)));
}

/** The area code field (any level) with a button taking the area selected on the map. */
export function areaField(ctx: ScreenContext): { area: HTMLInputElement; field: HTMLElement } {
  const { lang } = ctx.state;
  const area = h('input', { name: 'area', value: areaOf(ctx.meta.levels, ctx.state.households), inputmode: 'numeric', pattern: '[0-9]{2}([0-9]{2}){0,3}', placeholder: '10, 1001, 100101…', 'data-testid': 'filter-area' });
  const useSelected = h('button', { type: 'button', title: t('use_selected_area', lang), 'data-testid': 'use-selected-area' }, t('from_map', lang));
  useSelected.addEventListener('click', () => (area.value = ctx.state.area === 'TH' ? '' : ctx.state.area));
  return { area, field: h('label', {}, t('area_code', lang), h('span', { class: 'row' }, area, useSelected)) };
}
