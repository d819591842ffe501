/**
 * Import fixtures: a household survey file over the fixture geography (insertFixtureAreas) with a
 * known set of bad lines, a multipart body for uploads, an upload through the API that waits for its
 * job, and a checksum of a table.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { parse } from 'csv-parse/sync';
import { HOUSEHOLD_FORMAT } from '../../server/imports/formats.js';

/** The household file's required columns (the optional debt and finance flags left out: not asked). */
export const HEADER = HOUSEHOLD_FORMAT.columns.filter((c) => !c.optional).map((c) => c.name);

/** The kinds of bad line, in the order they appear in each block of 100 lines. */
export const BAD_KINDS = ['bad code', 'bad flag', 'missing column', 'broken quoting', 'bad UTF-8', 'outside the village', 'duplicate'] as const;
export type BadKind = (typeof BAD_KINDS)[number];

export interface FixtureFile {
  bytes: Buffer;
  /** Data lines (the header not counted). */
  lines: number;
  /** File line number → what is wrong with it. */
  bad: Map<number, BadKind>;
  /** House codes of the good lines. */
  good: string[];
}

/**
 * `n` data lines (n a multiple of 100); in every block of 100, lines 10 to 16 are bad, one of each
 * kind. Even lines are households of village 91010101, odd ones of 91010102, all in `year`.
 */
export function householdFile(n: number, year = 2024): FixtureFile {
  const parts: Buffer[] = [Buffer.from('\uFEFF' + HEADER.join(',') + '\n', 'utf8')];
  const bad = new Map<number, BadKind>();
  const good: string[] = [];
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const village = i % 2 === 0 ? '91010101' : '91010102';
    const lon = (i % 2 === 0 ? 100.25 : 100.75) + (i % 7) * 0.01;
    const lat = 6.5 + (i % 11) * 0.01;
    const flags = Array.from({ length: 17 }, (_, j) => ((i * 7 + j * 3) % 19 === 0 ? '1' : '0'));
    const row = [String(year), `${village}${String(i + 1).padStart(4, '0')}`, village, `นายทดสอบ ลำดับ${i + 1}`,
      String(1100000000000 + i), lon.toFixed(6), lat.toFixed(6), String(1 + (i % 6)), String(i % 2), String(20000 + i * 37),
      String(i % 4), String(i % 3 === 0 ? 1 : 0), ...flags];
    const line = i + 2;
    const kind = i % 100 >= 10 && i % 100 <= 16 ? BAD_KINDS[(i % 100) - 10] : null;
    let text: Buffer;
    if (kind === 'bad code') {
      row[1] = `91019999${String(i + 1).padStart(4, '0')}`;
      row[2] = '91019999';
    } else if (kind === 'bad flag') row[12] = '2';
    else if (kind === 'missing column') row.pop();
    else if (kind === 'broken quoting') row[3] = 'นาย"ทดสอบ ลำดับ';
    else if (kind === 'outside the village') row[5] = (i % 2 === 0 ? 100.75 : 100.25).toFixed(6);
    else if (kind === 'duplicate') row.splice(0, row.length, ...rows[i - 10]);
    if (kind === 'bad UTF-8') {
      const at = row.join(',').indexOf('ลำดับ');
      const utf8 = Buffer.from(row.join(',') + '\n', 'utf8');
      text = Buffer.concat([utf8.subarray(0, Buffer.byteLength(row.join(',').slice(0, at))), Buffer.from([0xff, 0xfe]), utf8.subarray(Buffer.byteLength(row.join(',').slice(0, at)))]);
    } else text = Buffer.from(row.join(',') + '\n', 'utf8');
    rows.push(row);
    parts.push(text);
    if (kind) bad.set(line, kind);
    else good.push(row[1]);
  }
  return { bytes: Buffer.concat(parts), lines: n, bad, good };
}

/** A multipart/form-data body with one file field. */
export function multipart(filename: string, bytes: Buffer) {
  const boundary = `----povmap${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Upload a CSV text (with a BOM) as an import of `kind` through the API with an admin's headers,
 * wait until the importer is idle, and return the job and its rejected lines.
 */
export async function importCsvText(app: FastifyInstance, admin: Record<string, string>, kind: string, text: string) {
  const m = multipart(`${kind}.csv`, Buffer.from(`\uFEFF${text}\n`, 'utf8'));
  const r = await app.inject({ method: 'POST', url: `/api/imports/${kind}`, payload: m.body, headers: { ...admin, ...m.headers } });
  if (r.statusCode !== 202) throw new Error(`import of ${kind} refused: ${r.statusCode} ${r.body}`);
  await app.imports.idle();
  const job = (await app.inject({ method: 'GET', url: `/api/imports/${r.json().id}`, headers: admin })).json();
  const rejects = await app.inject({ method: 'GET', url: `/api/imports/${job.id}/rejects.csv`, headers: admin });
  const rows = parse(rejects.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
  return { job, rejects: rows.map((x) => ({ line: Number(x.line), column: x.column, reason: x.reason })) };
}

/** Order-independent checksum of every row of a table (with its row count). */
export async function tableChecksum(db: Knex, table: string): Promise<string> {
  const { rows } = await db.raw(`select count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) as c from ?? t`, [table]);
  return rows[0].c;
}

/** Households per province and survey year (`code`, `year`, `n`), ordered. */
export type Totals = Array<{ code: string; year: number; n: number }>;

/**
 * What the published figures say against the rows: per province and survey year, households
 * counted directly over `household`, as published in the area_stats rollup (the API and the tiles
 * read it), and as measured in household_access (the access figures).
 */
export async function publishedTotals(db: Knex): Promise<{ direct: Totals; published: Totals; access: Totals }> {
  const rows = async (sql: string) => (await db.raw(sql)).rows;
  return {
    direct: await rows('select province_code as code, survey_year::int as year, count(*)::int as n from household group by 1, 2 order by 1, 2'),
    published: await rows(`select code, survey_year::int as year, households as n from area_stats where level = 'province' order by 1, 2`),
    access: await rows('select province_code as code, survey_year::int as year, count(*)::int as n from household_access group by 1, 2 order by 1, 2'),
  };
}
