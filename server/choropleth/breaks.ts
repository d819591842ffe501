/**
 * The class breaks of one map view (level, survey year, measure, method) over every area of the
 * level, from the figures the tiles publish (sql/api/choropleth_values.sql), kept per data version:
 * the answer changes only when the data does, so every browser, at every zoom, draws the same classes.
 */
import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { sqlText } from '../../sql/load.js';
import type { AdminLevel } from '../../tiles/levels.js';
import { classRanges, jenksBreaks, quantileBreaks, symmetricBreaks, type ClassRange } from './class-breaks.js';

/** Levels with so many areas that one pass over the view beats a lookup per area. */
const MANY_AREAS: readonly AdminLevel[] = ['subdistrict', 'village'];

export type ClassMethod = 'quantile' | 'jenks' | 'symmetric';

export interface BreaksQuery {
  level: AdminLevel;
  year: number;
  measure: string;
  method: ClassMethod;
  classes: number;
}

export interface BreaksAnswer extends BreaksQuery {
  data_version: string;
  /** Areas with a published value, the ones the classes are made of. */
  areas: number;
  /** Areas that publish no figure (fewer than 5 households). */
  suppressed: number;
  /** Areas whose value of this measure the disclosure policy withholds. */
  withheld: number;
  /** Areas without this figure at all (no change in the first year, no night-light composite). */
  no_value: number;
  min: number | null;
  max: number | null;
  breaks: number[];
  ranges: ClassRange[];
}

interface ValueRow {
  suppressed: boolean;
  withheld: boolean;
  value: number | null;
}

/** Every data version as one string: a cached answer is good while this stays the same. */
export async function dataVersionStamp(db: Knex): Promise<string> {
  const { rows } = await db.raw(sqlText('tiles/data_versions.sql'));
  return (rows as Array<{ name: string; version: number | string }>)
    .sort((a, b) => a.name.localeCompare(b.name)).map((r) => `${r.name}${r.version}`).join('.');
}

export function breaksOf(values: number[], method: ClassMethod, classes: number): number[] {
  if (method === 'symmetric') return values.length ? symmetricBreaks(values, classes) : [];
  return method === 'jenks' ? jenksBreaks(values, classes) : quantileBreaks(values, classes);
}

export class BreaksService {
  private readonly cache = new LRUCache<string, Promise<BreaksAnswer>>({ max: 500 });

  constructor(private readonly db: Knex) {}

  async get(q: BreaksQuery): Promise<BreaksAnswer> {
    const version = await dataVersionStamp(this.db);
    const key = `${version}|${q.level}|${q.year}|${q.measure}|${q.method}|${q.classes}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.compute(q, version);
      this.cache.set(key, answer);
      // a failed computation (a timeout, a lost connection) is not kept
      answer.catch(() => this.cache.delete(key));
    }
    return answer;
  }

  private async compute(q: BreaksQuery, version: string): Promise<BreaksAnswer> {
    const { rows } = await this.db.raw(sqlText(MANY_AREAS.includes(q.level) ? 'api/choropleth_values_scan.sql' : 'api/choropleth_values.sql'),
      { year: q.year, level: q.level, measure: q.measure });
    const values: number[] = [];
    let suppressed = 0;
    let withheld = 0;
    let noValue = 0;
    for (const r of rows as ValueRow[]) {
      if (r.suppressed) suppressed++;
      else if (r.withheld) withheld++;
      else if (r.value == null || !Number.isFinite(r.value)) noValue++;
      else values.push(r.value);
    }
    const breaks = breaksOf(values, q.method, q.classes);
    let min: number | null = null;
    let max: number | null = null;
    for (const v of values) {
      min = min == null || v < min ? v : min;
      max = max == null || v > max ? v : max;
    }
    return {
      ...q, data_version: version, areas: values.length, suppressed, withheld, no_value: noValue, min, max, breaks,
      ranges: values.length ? classRanges(values, breaks) : [],
    };
  }
}
