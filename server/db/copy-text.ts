/**
 * Rows moved through COPY as text, for work done in this process between a table read (COPY … TO
 * STDOUT, ./copy-out.ts) and a table written: lines made into chunks of about 1 MB (in a worker
 * thread, ./copy-thread.ts), and COPY … FROM STDIN fed with those chunks
 * while the database stores the previous ones (the generator's people, server/generate/people.ts;
 * the distances to services, server/access/measure.ts; an import's merge passes rows it read on,
 * server/imports/merge-transaction.ts).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Where an item's COPY text goes: called with whole lines, or in pieces. The pieces other than a
 * string go into the chunk as bytes, with no string made for them: a range of a buffer copied as it
 * is (a line read from COPY TO and passed on, without decoding it), one byte, the digits of an
 * integer. Writing a generated row this way rather than as one template string halved a people
 * thread's time (garbage collection was a quarter of it; tests/bench/RESULTS.md, generate, session 48).
 */
export interface CopyLines {
  (text: string): void;
  bytes(from: Buffer, start: number, end: number): void;
  /** one byte: a tab, a newline, an ASCII letter */
  byte(code: number): void;
  /** the decimal digits of a non-negative integer below 2^53, padded with zeros to `width` digits (if given) */
  digits(n: number, width?: number): void;
}

/** The bytes of COPY text's tab and newline. */
export const TAB = 0x09;
export const NEWLINE = 0x0a;
const ZERO = 0x30;
/** A boolean as COPY's text format writes it, as a byte. */
export const copyBooleanByte = (b: boolean) => (b ? 0x74 : 0x66);

/**
 * A line of COPY text with its fields found in place, never decoded: field i ends at `ends[i]`
 * (the tab or newline after it) and starts at fieldStart(line, i).
 */
export interface FieldLine {
  text: Buffer;
  start: number;
  ends: Int32Array;
}

/**
 * The lines of COPY text whose fields need no unescaping (codes, numbers, hex), each of exactly
 * `fields` fields (`what` names a line in the error for one of another shape). One object is reused
 * for every line: each is used before the next is read.
 */
export function* fieldLines(text: Buffer, fields: number, what: string): Generator<FieldLine> {
  const line: FieldLine = { text, start: 0, ends: new Int32Array(fields) };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(NEWLINE, start);
    if (end < 0) end = text.length;
    let field = 0;
    for (let at = start; at < end && field < fields; at++) if (text[at] === TAB) line.ends[field++] = at;
    if (field !== fields - 1) {
      throw new Error(`${what} line with ${Math.min(field, fields) + 1} fields, not ${fields}: ${text.toString('utf8', start, end)}`);
    }
    line.ends[fields - 1] = end;
    line.start = start;
    yield line;
    start = end + 1;
  }
}

/** Where field `i` of `line` starts. */
export const fieldStart = (line: FieldLine, i: number) => (i === 0 ? line.start : line.ends[i - 1] + 1);

/** The decimal digits of text[from, to) as a number (COPY text of a non-negative integer). */
export function digitsIn(text: Buffer, from: number, to: number): number {
  let n = 0;
  for (let at = from; at < to; at++) n = n * 10 + (text[at] - ZERO);
  return n;
}

/** Feeds `copy … from stdin` on `conn` with `chunks` of COPY text (whole lines in all), and returns the rows stored. */
export async function copyInChunks(conn: pg.Client, sql: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<number> {
  const copy = conn.query(copyFrom(sql));
  await pipeline(Readable.from(chunks), copy);
  return copy.rowCount;
}

// room past the 1 MB mark for what one item writes (one household's people: 99 at most, about 100
// bytes each; a household's distances, about 150)
const SIZE = 1 << 20;
// the longest range CopyLines.bytes copies byte by byte
const SHORT = 32;
const ROOM = 64 * 1024;

/** The COPY text `write` emits for each of `items`, in buffers of about 1 MB (each a buffer of its own: it can be transferred). */
export function* copyTextChunks<T>(items: Iterable<T>, write: (item: T, emit: CopyLines) => void): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(SIZE + ROOM);
  let at = 0;
  const emit: CopyLines = Object.assign((text: string) => {
    at += buf.write(text, at, 'utf8');
  }, {
    bytes(from: Buffer, start: number, end: number) {
      // a few bytes (a code, an id) are copied quicker one by one than by Buffer's copy
      if (end - start > SHORT) {
        at += from.copy(buf, at, start, end);
        return;
      }
      for (let i = start; i < end; i++) buf[at++] = from[i];
    },
    byte(code: number) {
      buf[at++] = code;
    },
    digits(n: number, width = 1) {
      let size = 1;
      for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) size++;
      if (size < width) size = width;
      if (n <= 0x7fffffff) { // integer arithmetic, quicker than the doubles' below
        for (let i = at + size - 1, rest = n | 0; i >= at; i--, rest = (rest / 10) | 0) buf[i] = ZERO + (rest % 10);
      } else {
        for (let i = at + size - 1, rest = n; i >= at; i--, rest = Math.floor(rest / 10)) buf[i] = ZERO + (rest % 10);
      }
      at += size;
    },
  });
  for (const item of items) {
    write(item, emit);
    if (at >= SIZE) {
      yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(SIZE + ROOM);
      at = 0;
    }
  }
  if (at > 0) yield buf.subarray(0, at);
}
