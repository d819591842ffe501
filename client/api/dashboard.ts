/**
 * The sources of the area dashboard that only it reads (loaded with its chunk). The area summary,
 * its children and the logbook progress come through api/areas.ts, whose cache the map panel shares.
 */
import { getJson, query } from './http.js';
import type { AreaContext, AreaLevel, MenuNeeds, Ranking, SpeedUp, StageProgress } from './types.js';

const area = (code: string) => `/api/areas/${encodeURIComponent(code)}`;

/** Economy, HAI, centres, projects, OTOP, services and village potential (the latest accounts year). */
export const fetchAreaContext = (code: string, limit = 10) => getJson<AreaContext>(`${area(code)}/context${query({ limit })}`);

/** Children behind their peers, stalled projects, and the solution menu's checks. */
export const fetchSpeedUp = (code: string, year: number) => getJson<SpeedUp>(`${area(code)}/speed-up${query({ year, limit: 10 })}`);

/** The areas of a level inside a parent ranked by a measure (`by` as /api/rankings takes it). */
export const fetchRanking = (level: AreaLevel, parent: string, by: string, year: number, limit = 10) =>
  getJson<Ranking>(`/api/rankings${query({ level, parent, by, year, limit })}`);

/** Handed off, acted on, and done at each stage: analysts inside their grant only (401/403 otherwise). */
export const fetchStageProgress = (code: string, year: number) => getJson<StageProgress>(`${area(code)}/stage-progress${query({ year })}`);

/** Per menu item, the area's targets it matches and what its capacity reaches: analysts inside their grant only. */
export const fetchMenuNeeds = (code: string, year: number) => getJson<MenuNeeds>(`${area(code)}/menu-needs${query({ year })}`);
