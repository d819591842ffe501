/** Assembling the area summaries the API returns: header, breadcrumb, figures, disclosure. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/knex.js';
import type { Identification } from '../mpi/identification.js';
import { grantCovers } from '../auth/grants.js';
import { disclose, type PublicFigures } from '../disclosure/figures.js';
import { areaDecisions } from '../disclosure/policy.js';
import { ROLLUP_THRESHOLD60 } from '../disclosure/decide.js';
import { poorDecisionsAt } from '../disclosure/poor-at-threshold.js';
import { areaPersonCounts, peopleFigures, type PeopleFigures } from '../people/figures.js';
import { areaFigures, type Area, type Crumb } from './repository.js';
import { areaFinanceCounts, financeFigures, type FinanceFigures } from './finance.js';

export type AreaSummary = {
  code: string; level: string; name_th: string; name_en: string | null; parent_code: string | null;
  breadcrumb: Crumb[]; year: number; mode: string; k: number | null; bbox: number[] | null;
} & PublicFigures & { person_groups: PeopleFigures; finance: FinanceFigures };

/** Summaries of areas that share one breadcrumb (an area alone, or the children of one parent). */
export async function summarize(db: Db, request: FastifyRequest, areas: Area[], crumbs: Crumb[], year: number, id: Identification): Promise<AreaSummary[]> {
  const codes = areas.map((a) => a.code);
  const [figures, decisions, people, poor, finance] = await Promise.all([
    areaFigures(db, codes, year, id), areaDecisions(db, codes, year), areaPersonCounts(db, codes, year),
    id.threshold60 === ROLLUP_THRESHOLD60 || areas.every((a) => seesSmallCells(request, a)) ? new Map() : poorDecisionsAt(db, year, id.threshold60),
    areaFinanceCounts(db, codes, year),
  ]);
  return areas.map((a) => {
    const decision = seesSmallCells(request, a) ? null : decisions.get(a.code)!;
    return {
      code: a.code, level: a.level, name_th: a.name_th, name_en: a.name_en, parent_code: a.parent_code,
      breadcrumb: crumbs, year, mode: id.mode, k: id.k, bbox: a.bbox,
      ...disclose(figures.get(a.code)!, decision, id, poor.get(a.code)),
      person_groups: peopleFigures(people.get(a.code), decision),
      finance: financeFigures(finance.get(a.code), decision),
    };
  });
}

export async function summarizeOne(db: Db, request: FastifyRequest, area: Area & { crumbs: Crumb[] }, year: number, id: Identification): Promise<AreaSummary> {
  const { crumbs, ...header } = area;
  const [summary] = await summarize(db, request, [header], crumbs, year, id);
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
