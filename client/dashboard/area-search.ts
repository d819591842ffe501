/**
 * Search by district or subdistrict from a province's (or a district's) dashboard: the map's place
 * search (panels/search-box.ts) limited to the areas inside this one (GET /api/search?within=).
 * Choosing a place opens its dashboard.
 */
import type { AreaSummary } from '../api/types.js';
import { dt } from '../i18n/dashboard-messages.js';
import { mountSearchBox } from '../panels/search-box.js';
import type { DashboardContext } from './links.js';

export function mountAreaSearch(root: HTMLElement, area: AreaSummary, ctx: DashboardContext): void {
  mountSearchBox(root, ctx.lang, (code) => ctx.go({ route: 'dashboard', area: code }),
    { within: area.code, id: 'dash-search', placeholder: (lang) => dt('search_within', lang) });
}
