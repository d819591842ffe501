/**
 * Reading a collection's features (issue 19): the source statement of its kind with the request's
 * year, box and simplification, the CQL2 condition, and pages read by keyset in chunks, so a page of
 * any allowed size holds at most one chunk in memory (the route streams each feature as it comes).
 * Statements are sql/ogc/*.sql; the source is bound into the page, count and keys statements as a
 * nested knex raw, with every value bound.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { surveyYearOr404, yearOr404 } from '../areas/lookup.js';
import type { Db } from '../db/knex.js';
import type { Collection, Property } from './collections.js';
import type { Crs, LonLatBox } from './crs.js';
import { requestedYear } from './datetime.js';

/** Rows read per statement while streaming a page. */
export const CHUNK_ROWS = 500;

export interface SourceOptions {
  year: number | undefined;
  bbox?: LonLatBox;
  /** Web-mercator zoom whose simplified copy of area geometry to answer with; undefined = full geometry. */
  zoom?: number;
}

export interface FeatureRow {
  fid: string;
  properties: Record<string, unknown>;
  geometry: string | null;
}

/** The year a request reads: survey years for areas, village-survey years for village potential, none for services. */
export async function collectionYear(db: Db, collection: Collection, asked: number | undefined, parameter: string): Promise<number | undefined> {
  switch (collection.source.kind) {
    case 'area':
      return surveyYearOr404(db, asked, parameter);
    case 'potential': {
      const { rows } = await db.raw(sqlText('ogc/potential_years.sql'));
      const years = rows.map((r: { year: number }) => r.year);
      return yearOr404(years, asked, { name: 'village potential data', none: 'No village potential data is loaded.' }, parameter);
    }
    case 'service':
      return undefined;
  }
}

/** The year a request's `year=` or `datetime=` asks of the collection (see collectionYear). */
export async function yearOfRequest(db: Db, collection: Collection, q: { year?: number; datetime?: string }): Promise<number | undefined> {
  return collectionYear(db, collection, requestedYear(q.year, q.datetime), q.datetime === undefined ? 'year' : 'datetime');
}

/** The years a collection has (its temporal extent); empty for services. */
export async function collectionYears(db: Db, collection: Collection): Promise<number[]> {
  if (collection.source.kind === 'service') return [];
  const file = collection.source.kind === 'area' ? 'api/survey_years.sql' : 'ogc/potential_years.sql';
  const { rows } = await db.raw(sqlText(file));
  return rows.map((r: { survey_year?: number; year?: number }) => Number(r.survey_year ?? r.year));
}

/** The named bindings of a box (all null: no box). */
const boxBindings = (b: LonLatBox | undefined) => ({ xmin: b?.xmin ?? null, ymin: b?.ymin ?? null, xmax: b?.xmax ?? null, ymax: b?.ymax ?? null });

/** The source statement of `collection` as a raw to nest (sql/ogc/*_source.sql). */
export function sourceRaw(db: Db, collection: Collection, options: SourceOptions): Knex.Raw {
  const box = boxBindings(options.bbox);
  const s = collection.source;
  switch (s.kind) {
    case 'area':
      return db.raw(sqlText('ogc/area_source.sql'), { level: s.level, year: options.year!, zoom: options.zoom ?? null, ...box });
    case 'service':
      return db.raw(sqlText('ogc/service_source.sql'), { kind: s.serviceKind, ...box });
    case 'potential':
      return db.raw(sqlText('ogc/potential_source.sql'), { year: options.year!, ...box });
  }
}

/**
 * numberMatched without a filter: for areas counted from the disclosure decisions (ogc/area_count.sql)
 * without building any figures, for points from the source. With a filter it is not counted
 * (undefined): that would read every candidate's figures a second time (about 12 s for the villages
 * of the demo data), and numberMatched is optional.
 */
export async function countMatched(db: Db, collection: Collection, options: SourceOptions, source: Knex.Raw, filtered: boolean): Promise<number | undefined> {
  if (filtered) return undefined;
  const box = boxBindings(options.bbox);
  const { rows } = collection.source.kind === 'area'
    ? await db.raw(sqlText('ogc/area_count.sql'), { level: collection.source.level, year: options.year!, ...box })
    : await db.raw(sqlText('ogc/count.sql'), { source, filter: db.raw('true') });
  return Number(rows[0].n);
}

/** The keyset key the page of `limit` features before `before` starts after ('' = the first page). */
export async function pageStartBefore(db: Db, source: Knex.Raw, filter: Knex.Raw, before: string, limit: number): Promise<string> {
  const { rows } = await db.raw(sqlText('ogc/keys_before.sql'), { source, filter, before, limit });
  return rows[0].after ?? '';
}

/**
 * Up to `limit` features after the keyset key `after`, in chunks; `more` tells whether another
 * feature follows (one row beyond the page is read to know).
 */
export async function* featurePage(db: Db, source: Knex.Raw, filter: Knex.Raw, crs: Crs, after: string, limit: number,
  page: { more: boolean }): AsyncGenerator<FeatureRow> {
  let key = after;
  let left = limit + 1;
  let sent = 0;
  while (left > 0) {
    const chunk = Math.min(CHUNK_ROWS, left);
    const { rows } = await db.raw(sqlText('ogc/page.sql'), {
      source, filter, after: key, chunk, srid: crs.srid, flip: crs.flip, decimals: crs.decimals,
    });
    for (const row of rows as FeatureRow[]) {
      if (sent === limit) {
        page.more = true;
        return;
      }
      sent++;
      yield row;
    }
    if (rows.length < chunk) return;
    left -= rows.length;
    key = rows[rows.length - 1].fid;
  }
}

/** One feature by id (or undefined): the page of one after the key just below it. */
export async function oneFeature(db: Db, source: Knex.Raw, crs: Crs, fid: string): Promise<FeatureRow | undefined> {
  const { rows } = await db.raw(sqlText('ogc/feature.sql'), { source, fid, srid: crs.srid, flip: crs.flip, decimals: crs.decimals });
  return rows[0];
}

/** The feature id as the collection publishes it: a service's integer id, an area or village code. */
export function featureId(collection: Collection, fid: string): string | number {
  return collection.source.kind === 'service' ? Number(fid) : fid;
}

/** The keyset key of a feature id in the request's form (service ids are zero-padded, as sql/ogc/service_source.sql writes them). */
export function fidKey(collection: Collection, id: string): string {
  return collection.source.kind === 'service' ? id.replace(/^0+(?=.)/, '').padStart(10, '0') : id;
}

/** The properties of a feature, every selected one present (null where the source has none: withheld, missing). */
export function featureProperties(row: FeatureRow, selected: readonly Property[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of selected) out[p.name] = row.properties[p.name] ?? null;
  return out;
}
