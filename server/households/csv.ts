/**
 * CSV export of a household search, streamed straight from PostgreSQL's `COPY (query) TO STDOUT`
 * through to the response with backpressure, so memory stays flat for lists of any length. The
 * query text comes from knex with every value already validated (codes, numbers, enum words) and
 * inlined by knex's escaping, because COPY takes no bind parameters. UTF-8 with a BOM so Excel
 * shows Thai. Every cell, of every CSV the product writes (this export and the import rejects), goes
 * through povmap.csv_cell (sql/functions/csv_cell.sql), and the header line through the same rule in
 * TypeScript (server/csv/cell.ts), so no cell can start a spreadsheet formula.
 */
import { Transform, pipeline, type TransformCallback } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { csvLine } from '../csv/cell.js';
import type { Db } from '../db/knex.js';
import type { HouseholdFilter } from './filters.js';
import { filteredQuery, selectColumns } from './search.js';
import { applySort, type Sort } from './paging.js';

const HEADERS: Record<'en' | 'th', string[]> = {
  en: ['house_code', 'head_name', 'national_id', 'village_code', 'address_th', 'address_en', 'lon', 'lat', 'members',
    'welfare_card_holders', 'failed_dim_count', 'health', 'living', 'education', 'income', 'access', 'vulnerability_level', 'logbook',
    'has_debt', 'informal_debt', 'finance_access'],
  th: ['รหัสบ้าน', 'ชื่อหัวหน้าครัวเรือน', 'เลขประจำตัวประชาชน', 'รหัสหมู่บ้าน', 'ที่อยู่', 'ที่อยู่ (อังกฤษ)', 'ลองจิจูด', 'ละติจูด',
    'จำนวนสมาชิก', 'ผู้ถือบัตรสวัสดิการ', 'จำนวนมิติที่ไม่ผ่าน', 'มิติสุขภาพ', 'มิติความเป็นอยู่', 'มิติการศึกษา', 'มิติรายได้',
    'มิติการเข้าถึงบริการรัฐ', 'ระดับความเปราะบาง', 'สถานะการช่วยเหลือ', 'มีหนี้สิน', 'หนี้นอกระบบ', 'เข้าถึงแหล่งเงินทุน'],
};

export const BOM = '\uFEFF';

/** The SELECT behind an export: also what the benchmark runs as a raw COPY to compare with. */
export function exportSql(db: Db, filter: HouseholdFilter, pii: boolean, sort: Sort): string {
  return applySort(filteredQuery(db, filter).select(selectColumns(db, pii, 'integer')), sort).toQuery();
}

interface CopyStream extends NodeJS.ReadableStream {
  rowCount?: number;
}

/**
 * COPY hands over one chunk per row; writing each to the socket costs a syscall per row. This
 * gathers rows into blocks of about 64 KiB (memory stays bounded by the block and the stream
 * buffers, whatever the length of the list).
 */
class Blocks extends Transform {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(private readonly blockSize = 64 * 1024) {
    super();
  }
  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= this.blockSize) this.flushBlock();
    callback();
  }
  _flush(callback: TransformCallback) {
    this.flushBlock();
    callback();
  }
  private flushBlock() {
    if (!this.size) return;
    this.push(Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * The COPY statement of a CSV: `sql`'s result columns (named `columns`, in order) each cast to text
 * and neutralised by povmap.csv_cell. A number's text is what COPY would write for it anyway, and a
 * NULL stays NULL (an empty field).
 */
export function neutralisedCopySql(db: Db, sql: string, columns: readonly string[]): string {
  const cells = columns.map((c) => db.raw('povmap.csv_cell(csv_source.??::text)', [c]).toQuery()).join(', ');
  return `COPY (select ${cells} from (${sql}) as csv_source) TO STDOUT WITH (FORMAT csv)`;
}

/**
 * Stream the CSV of `sql` (see neutralisedCopySql) after a first line (BOM + header); returns the
 * body and a promise of the row count once it has been sent (or the stream failed or the client
 * went away, with the rows sent so far). `sql` must be fully inlined (COPY takes no parameters);
 * `columns` are its result column names, by default the header's words.
 */
export async function copyCsv(db: Db, sql: string, header: readonly string[], columns: readonly string[] = header) {
  const copySql = neutralisedCopySql(db, sql, columns);
  const conn = await db.client.acquireConnection();
  const body = new Blocks();
  body.write(Buffer.from(BOM + csvLine(header), 'utf8'));
  let copy: CopyStream;
  try {
    copy = conn.query(copyTo(copySql)) as CopyStream;
  } catch (err) {
    db.client.releaseConnection(conn);
    throw err;
  }
  const done = new Promise<number>((resolve) => {
    pipeline(copy, body, (err) => {
      if (err) {
        // A connection left mid-COPY cannot be reused: let the pool discard it. And close its socket
        // now: a backend blocked sending rows nobody reads (wait event ClientWrite) does not act on a
        // query cancel, so the COPY of a client that went away would run on until the pool reaped
        // the connection; a closed socket ends it at once.
        conn.__knex__disposed = err;
        conn.connection?.stream?.destroy();
      }
      db.client.releaseConnection(conn);
      resolve(copy.rowCount ?? 0);
    });
  });
  return { body, done };
}

/** Start the export of a household search (see copyCsv). */
export async function csvExport(db: Db, filter: HouseholdFilter, options: { pii: boolean; sort: Sort; headers: 'en' | 'th' }) {
  return copyCsv(db, exportSql(db, filter, options.pii, options.sort), HEADERS[options.headers], HEADERS.en);
}
