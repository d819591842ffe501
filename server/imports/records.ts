/**
 * From bytes to records, keeping every line number, so one bad line is reported and skipped instead
 * of ending the import. Two steps:
 * 1. split the byte stream into records: a record ends at a newline outside quotes (a quoted field
 *    may span lines, up to MAX_RECORD_LINES; a quote never closed within that is reported as
 *    broken quoting on the line that opened it, and reading resumes on the next line);
 * 2. parse records: one without a quote is its text split at the commas; the others go through
 *    csv-parse in batches, and a batch that fails is parsed record by record to find the bad ones. Bytes that are not UTF-8 and a field count other than the header's are reported
 *    the same way.
 */
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';

export const MAX_RECORD_LINES = 100;
export const MAX_RECORD_BYTES = 1 << 20;
/** Records per batch handed on: small enough that one batch holds the event loop for milliseconds. */
const BATCH = 2000;

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** The file as a whole cannot be imported (no header, a header naming unknown columns, …). */
export class ImportFileError extends Error {}

export interface GoodRecord {
  line: number;
  fields: string[];
}

export interface BadRecord {
  line: number;
  /** Header column the problem is in, when it is one column. */
  column: string | null;
  reason: string;
  raw: string;
}

export interface RecordBatch {
  good: GoodRecord[];
  bad: BadRecord[];
}

interface Piece {
  line: number;
  bytes: Buffer;
}

const COMMA = 0x2c;

/**
 * The quoting state at the end of one physical line: 'ok' (the record may end here), 'open' (inside
 * a quoted field that goes on to the next line) or 'broken' (a quote where RFC 4180 allows none).
 */
function scanLine(buf: Buffer, from: number, to: number, inQuote: boolean): 'ok' | 'open' | 'broken' {
  if (!inQuote) {
    const q = buf.indexOf(QUOTE, from);
    if (q === -1 || q >= to) return 'ok';
  }
  let quoted = inQuote;
  let fieldStart = !inQuote && true;
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (quoted) {
      if (c !== QUOTE) continue;
      if (i + 1 < to && buf[i + 1] === QUOTE) { i++; continue; }
      quoted = false;
      const n = i + 1;
      if (n < to && buf[n] !== COMMA && !(buf[n] === CR && n + 1 === to)) return 'broken';
      continue;
    }
    if (c === COMMA) fieldStart = true;
    else if (c === QUOTE) {
      if (!fieldStart) return 'broken';
      quoted = true;
      fieldStart = false;
    } else fieldStart = false;
  }
  return quoted ? 'open' : 'ok';
}

function stripCr(buf: Buffer): Buffer {
  return buf.length && buf[buf.length - 1] === CR ? buf.subarray(0, buf.length - 1) : buf;
}

/** Splits a byte stream into records (see above); lines with broken quoting come out as `broken`. */
class Splitter {
  private pending: Buffer = Buffer.alloc(0);
  /** Line number of the first byte of `pending`. */
  private line = 1;

  /** Feed a chunk (or null at the end); returns the complete records and the broken lines. */
  push(chunk: Buffer | null): { records: Piece[]; broken: Array<Piece & { reason: string }> } {
    const buf = chunk ? (this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk) : this.pending;
    const records: Piece[] = [];
    const broken: Array<Piece & { reason: string }> = [];
    let start = 0;
    let startLine = this.line;
    while (start < buf.length) {
      let pos = start;
      let lines = 0;
      let end = -1;
      let problem: string | null = null;
      let open = false;
      for (;;) {
        const nl = buf.indexOf(NL, pos);
        if (nl === -1 && chunk) break; // an incomplete line: wait for more bytes
        const stop = nl === -1 ? buf.length : nl;
        lines++;
        const state = scanLine(buf, pos, stop, open);
        if (state === 'broken') {
          problem = open ? 'broken quoting: a quoted field opened on this line does not end properly'
            : 'broken quoting: a quote inside a field, or a closing quote not followed by a comma or the end of the line';
          break;
        }
        if (state === 'ok') { end = stop; break; }
        open = true;
        if (nl === -1) { problem = 'broken quoting: a quote opened on this line is never closed'; break; }
        if (lines >= MAX_RECORD_LINES || stop - start >= MAX_RECORD_BYTES) {
          problem = `broken quoting: a quote opened on this line is not closed within ${MAX_RECORD_LINES} lines`;
          break;
        }
        pos = nl + 1;
      }
      if (problem) {
        // Report the line the record started on, then read on from the line after it.
        const firstNl = buf.indexOf(NL, start);
        const lineEnd = firstNl === -1 ? buf.length : firstNl;
        broken.push({ line: startLine, bytes: stripCr(buf.subarray(start, lineEnd)), reason: problem });
        start = firstNl === -1 ? buf.length : firstNl + 1;
        startLine++;
        continue;
      }
      if (end === -1) break;
      const bytes = stripCr(buf.subarray(start, end));
      if (bytes.length) records.push({ line: startLine, bytes });
      startLine += lines;
      start = end + 1;
    }
    this.pending = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
    this.line = startLine;
    return { records, broken };
  }
}

const PARSE_OPTIONS = { relax_column_count: true, bom: false } as const;

function parseProblem(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'broken quoting: a quoted field must end with a quote followed by a comma or the end of the line';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'broken quoting: a quote is never closed';
  if (code === 'CSV_INVALID_OPENING_QUOTE') return 'broken quoting: a quote inside an unquoted field';
  return `cannot be read as CSV (${(err as Error).message.split('\n')[0].slice(0, 120)})`;
}

/**
 * The records of a CSV byte stream, in batches. The first record is the header: `onHeader` gets
 * its fields and returns the header column names used in reports (or throws to stop).
 */
export async function* readRecords(source: AsyncIterable<Buffer | string>, onHeader: (fields: string[]) => void): AsyncGenerator<RecordBatch> {
  const splitter = new Splitter();
  let header: string[] | null = null;
  let pending: Piece[] = [];
  let bad: BadRecord[] = [];

  const parseBatch = (pieces: Piece[]): GoodRecord[] => {
    const good: GoodRecord[] = [];
    const utf8: Piece[] = [];
    for (const p of pieces) {
      if (isUtf8(p.bytes)) utf8.push(p);
      else {
        const text = p.bytes.toString('utf8');
        let column: string | null = null;
        try {
          const fields = (parse(text, PARSE_OPTIONS) as string[][])[0] ?? [];
          const i = fields.findIndex((f) => f.includes('\uFFFD'));
          if (i >= 0 && header) column = header[i] ?? null;
        } catch { /* the bytes are reported whatever the column */ }
        bad.push({ line: p.line, column, reason: 'is not valid UTF-8 (save the file as UTF-8)', raw: text });
      }
    }
    // A record without a quote is its text split at the commas (RFC 4180); csv-parse reads the rest.
    const quoted: Piece[] = [];
    for (const p of utf8) {
      if (p.bytes.indexOf(QUOTE) === -1) good.push({ line: p.line, fields: p.bytes.toString('utf8').split(',') });
      else quoted.push(p);
    }
    if (!quoted.length) return good;
    let rows: string[][] | null = null;
    try {
      rows = parse(Buffer.concat(quoted.flatMap((p, i) => (i ? [Buffer.from('\n'), p.bytes] : [p.bytes]))), PARSE_OPTIONS) as string[][];
      if (rows.length !== quoted.length) rows = null;
    } catch {
      rows = null;
    }
    quoted.forEach((p, i) => {
      let fields: string[];
      if (rows) fields = rows[i];
      else {
        try {
          const parsed = parse(p.bytes, PARSE_OPTIONS) as string[][];
          if (parsed.length !== 1) throw Object.assign(new Error('one line holds more than one record'), { code: 'MANY' });
          fields = parsed[0];
        } catch (err) {
          bad.push({ line: p.line, column: null, reason: parseProblem(err), raw: p.bytes.toString('utf8') });
          return;
        }
      }
      good.push({ line: p.line, fields });
    });
    return good;
  };

  const flush = (): RecordBatch => {
    const pieces = pending.splice(0, BATCH);
    if (!header && pieces.length) {
      const [first] = parseBatch([pieces.shift()!]);
      if (!first) throw new ImportFileError(`line ${bad[0]?.line ?? 1}: the header row ${bad[0]?.reason ?? 'cannot be read'}`);
      const fields = first.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
      onHeader(fields);
      header = fields.map((f) => f.trim().toLowerCase());
    }
    const good: GoodRecord[] = [];
    for (const r of parseBatch(pieces)) {
      if (r.fields.length !== header!.length) {
        bad.push({ line: r.line, column: null, reason: `has ${r.fields.length} field(s); the header has ${header!.length}`, raw: r.fields.join(',') });
      } else good.push(r);
    }
    const out = { good, bad };
    bad = [];
    return out;
  };

  const take = (chunk: Buffer | null) => {
    const { records, broken } = splitter.push(chunk);
    for (const b of broken) bad.push({ line: b.line, column: null, reason: b.reason, raw: b.bytes.toString('utf8') });
    for (const r of records) pending.push(r);
  };

  for await (const chunk of source) {
    take(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    while (pending.length >= BATCH) yield flush();
  }
  take(null);
  while (pending.length || bad.length) yield flush();
}
