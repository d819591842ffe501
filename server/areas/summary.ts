/** Assembling the area summaries the API returns: header, breadcrumb, figures, disclosure. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/knex.js';
import type { Identification } from '../mpi/identification.js';
import { grantCovers } from '../auth/grants.js';
import { disclose, type PublicFigures } from '../disclosure/figures.js';
import { ROLLUP_THRESHOLD60 } from '../disclosure/decide.js';
import { poorDecisionsAt } from '../disclosure/poor-at-threshold.js';
import { peopleFigures, type PeopleFigures } from '../people/figures.js';
import type { Area, Crumb } from './repository.js';
import { financeFigures, type FinanceFigures } from './finance.js';
import { summaryParts, type SummaryParts } from './summary-rows.js';

export type AreaSummary = {
  code: string; level: string; name_th: string; name_en: string | null; parent_code: string | null;
  breadcrumb: Crumb[]; year: number; mode: string; k: number | null; bbox: number[] | null;
} & PublicFigures & { person_groups: PeopleFigures; finance: FinanceFigures };

/**
 * Summaries of areas that share one breadcrumb (an area alone, or the children of one parent).
 * `parts`: their summaryParts when the caller started reading them already (alongside the lookup of
 * the area itself: the two reads do not depend on each other).
 */
export async function summarize(db: Db, request: FastifyRequest, areas: Area[], crumbs: Crumb[], year: number, id: Identification,
                                parts: Promise<Map<string, SummaryParts>> = summaryParts(db, areas.map((a) => a.code), year, id)): Promise<AreaSummary[]> {
  const [byCode, poor] = await Promise.all([
    parts,
    id.threshold60 === ROLLUP_THRESHOLD60 || areas.every((a) => seesSmallCells(request, a)) ? new Map() : poorDecisionsAt(db, year, id.threshold60),
  ]);
  return areas.map((a) => {
    const { figures, people, finance, decision: decided } = byCode.get(a.code)!;
    const decision = seesSmallCells(request, a) ? null : decided;
    return {
      code: a.code, level: a.level, name_th: a.name_th, name_en: a.name_en, parent_code: a.parent_code,
      breadcrumb: crumbs, year, mode: id.mode, k: id.k, bbox: a.bbox,
      ...disclose(figures, decision, id, poor.get(a.code)),
      person_groups: peopleFigures(people, decision),
      finance: financeFigures(finance, decision),
    };
  });
}

export async function summarizeOne(db: Db, request: FastifyRequest, area: Area & { crumbs: Crumb[] }, year: number, id: Identification,
                                   parts?: Promise<Map<string, SummaryParts>>): Promise<AreaSummary> {
  const { crumbs, ...header } = area;
  const [summary] = await summarize(db, request, [header], crumbs, year, id, parts);
  return summary;
}

export function childCrumbs(parent: AreaSummary): Crumb[] {
  return [...parent.breadcrumb, { code: parent.code, level: parent.level as Crumb['level'], name_th: parent.name_th, name_en: parent.name_en }];
}

/**
 * Small cells are shown to admins and to analysts inside their grants; everyone else (anonymous,
 * public, an analyst looking outside their areas) gets the suppressed figures.
 */
export function seesSmallCells(request: FastifyRequest, area: Pick<Area, 'code' | 'province_code' | 'district_code' | 'subdistrict_code'>): boolean {
  const user = request.user;
  if (!user) return false;
  if (area.code === 'TH') return grantCovers(user, 'TH');
  return grantCovers(user, { code: area.code, province_code: area.province_code!, district_code: area.district_code, subdistrict_code: area.subdistrict_code });
}
