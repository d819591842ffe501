/**
 * Rows moved through COPY as text, for work done in this process between a table read (COPY … TO
 * STDOUT, ./copy-out.ts) and a table written: the read lines parsed, lines made into chunks of
 * about 1 MB (in a worker thread, ./copy-thread.ts), and COPY … FROM STDIN fed with those chunks
 * while the database stores the previous ones (the generator's people, server/generate/people.ts;
 * the distances to services, server/access/measure.ts; an import's merge passes rows it read on,
 * server/imports/merge-transaction.ts).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * COPY text whose fields need no unescaping (codes, numbers, hex), each line of exactly `fields`
 * fields made into a T by `make`; `what` names a line in the error for one of another shape.
 */
export function parseCopyText<T>(text: string, fields: number, what: string, make: (f: string[]) => T): T[] {
  const rows: T[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const f = text.slice(start, end).split('\t');
    if (f.length !== fields) throw new Error(`${what} line with ${f.length} fields, not ${fields}: ${text.slice(start, end)}`);
    rows.push(make(f));
    start = end + 1;
  }
  return rows;
}

/** A boolean as COPY's text format writes it. */
export const copyBoolean = (b: boolean) => (b ? 't' : 'f');

/**
 * Where an item's COPY text goes: called with whole lines, or in pieces with `bytes`, a range of a
 * buffer copied as it is (a line read from COPY TO and passed on, without decoding it).
 */
export interface CopyLines {
  (text: string): void;
  bytes(from: Buffer, start: number, end: number): void;
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
const ROOM = 64 * 1024;

/** The COPY text `write` emits for each of `items`, in buffers of about 1 MB (each a buffer of its own: it can be transferred). */
export function* copyTextChunks<T>(items: Iterable<T>, write: (item: T, emit: CopyLines) => void): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(SIZE + ROOM);
  let at = 0;
  const emit = Object.assign((text: string) => {
    at += buf.write(text, at, 'utf8');
  }, {
    bytes(from: Buffer, start: number, end: number) {
      at += from.copy(buf, at, start, end);
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
