/**
 * What an area summary is made of (server/areas/summary.ts), read for some areas in one statement
 * (sql/api/area_summary_rows.sql): the MPI figures at the request's threshold, the people's and the
 * finance counts, and the policy's decision. One round trip, since a summary is the API's most
 * frequent answer (issue 18: ≤ 10 ms p95 on the national profile).
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { decisionOf, type AreaDecision, type DecisionRow } from '../disclosure/policy.js';
import type { Identification } from '../mpi/identification.js';
import { EMPTY_STATS, mpiFigures, type AreaStatsRow, type MpiFigures, type ScoreGroupRow } from '../mpi/summary.js';
import type { PersonCounts } from '../people/figures.js';
import type { FinanceCounts } from './finance.js';

export interface SummaryParts {
  figures: MpiFigures;
  /** undefined: no person records and no registry figures for the area. */
  people: PersonCounts | undefined;
  /** undefined: no households that year. */
  finance: FinanceCounts | undefined;
  decision: AreaDecision;
}

type Row = AreaStatsRow & FinanceCounts & {
  code: string; has_stats: boolean; poor: ScoreGroupRow[]; person_counts: PersonCounts | null; decided: boolean;
} & DecisionRow;

/** The parts of each area's summary in `year` at `id`'s threshold, by code. */
export async function summaryParts(db: Knex, codes: string[], year: number, id: Identification): Promise<Map<string, SummaryParts>> {
  if (!codes.length) return new Map();
  const { rows } = await db.raw(sqlText('api/area_summary_rows.sql'), { codes: codes.join(','), year, threshold: id.threshold60 });
  const byCode = new Map<string, Row>(rows.map((r: Row) => [r.code, r]));
  return new Map(codes.map((code) => {
    const r = byCode.get(code)!;
    return [code, {
      // no area_stats row: no households that year (e.g. a village with none surveyed)
      figures: r.has_stats ? mpiFigures(r, r.poor, id) : mpiFigures(EMPTY_STATS, [], id),
      people: r.person_counts ?? undefined,
      finance: r.has_stats ? r : undefined,
      decision: decisionOf(r.decided ? r : undefined),
    }];
  }));
}
