/**
 * Hand-off batches (issue 21): an analyst inside their grant hands an agency the matched targets of
 * its menu items in an area; the batch records who, when, the filter and the row count
 * (handoff_batch), its rows are the targets (handoff_target), and the agency view counts what came
 * back (sql/handoff/summary.sql). The CSV is streamed by COPY through the one CSV writer.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';
import { copyCsv } from '../households/csv.js';

export interface BatchRequest {
  agency: string;
  year: number;
  area: { code: string; level: string };
  items: string[];
  allocated_only: boolean;
  /** One row per matched person, or per household (addressed to its head). */
  unit: HandoffUnit;
}

export const HANDOFF_UNITS = ['person', 'household'] as const;
export type HandoffUnit = (typeof HANDOFF_UNITS)[number];

export interface BatchSummary {
  id: number;
  agency: string;
  survey_year: number;
  area_code: string;
  unit: HandoffUnit;
  filter: Record<string, unknown>;
  row_count: number;
  username: string;
  created_at: string;
  handed_off: number;
  acted_on: number;
  done: number;
  outstanding: number;
}

/** Create a batch and its rows in one transaction; returns its id and row count. */
export async function createBatch(db: Knex, request: BatchRequest, user: { id: number; username: string }): Promise<{ id: number; rows: number }> {
  return db.transaction(async (trx) => {
    const filter = { agency: request.agency, year: request.year, area: request.area.code, items: request.items, allocated_only: request.allocated_only, unit: request.unit };
    const [{ id }] = await trx('handoff_batch').insert({
      agency: request.agency, survey_year: request.year, area_code: request.area.code, unit: request.unit, filter: JSON.stringify(filter), row_count: 0,
      user_id: user.id, username: user.username,
    }).returning('id');
    const { rows: [{ n }] } = await trx.raw(sqlText('handoff/create.sql'), {
      batch: id, year: request.year, level: request.area.level, code: request.area.code, agency: request.agency,
      items: request.items, allocated_only: request.allocated_only, unit: request.unit,
    });
    await trx('handoff_batch').where({ id }).update({ row_count: n });
    return { id: Number(id), rows: Number(n) };
  });
}

export async function batchSummaries(db: Knex, filter: { agency?: string | null; batch?: number | null; userId?: number | null }): Promise<BatchSummary[]> {
  const { rows } = await db.raw(sqlText('handoff/summary.sql'), { agency: filter.agency ?? null, batch: filter.batch ?? null, user_id: filter.userId ?? null });
  return rows.map((r: Record<string, unknown>) => ({ ...r, id: Number(r.id), created_at: (r.created_at as Date).toISOString() }));
}

/** The columns of a hand-off CSV, in order (sql/handoff/csv.sql). */
export const HANDOFF_HEADER = ['batch_id', 'house_code', 'person_no', 'survey_year', 'head_name', 'national_id', 'age', 'sex', 'relation_to_head', 'village_code', 'address_th',
  'agency', 'menu_item', 'title_th', 'dimension', 'failed_indicators', 'menu_item_stage', 'stage', 'status', 'done_on'];

/** Stream a batch's CSV (see copyCsv): BOM, header, one row per target (person or household) and item; PII masked unless `pii`. */
export async function batchCsv(db: Db, batch: number, pii: boolean) {
  const sql = db.raw(sqlText('handoff/csv.sql'), { batch, pii }).toQuery();
  return copyCsv(db, sql, HANDOFF_HEADER);
}
