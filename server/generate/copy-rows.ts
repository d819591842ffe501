/**
 * The two ends of a generated table's province: COPY … TO STDOUT read into this process as text, and
 * COPY … FROM STDIN fed from lines computed here while the database stores the previous ones.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyOut } from '../db/copy-out.js';
import type { Db } from '../db/knex.js';

/** Runs `work` for province `province` (two digits: it is written into COPY statements) on one pooled connection. */
export async function onProvinceConnection<T>(db: Db, province: string, work: (conn: pg.Client) => Promise<T>): Promise<T> {
  if (!/^[0-9]{2}$/.test(province)) throw new Error(`not a province code: ${province}`);
  const conn: pg.Client = await db.client.acquireConnection();
  try {
    return await work(conn);
  } finally {
    await db.client.releaseConnection(conn);
  }
}

/** The whole output of `copy (…) to stdout` on `conn`, as text. */
export async function copyOutText(conn: pg.Client, sql: string): Promise<string> {
  return Buffer.concat(await copyOut(conn, sql)).toString('utf8');
}

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

/**
 * Feeds `copy … from stdin` on `conn` with the COPY text `write` emits for each of `items` (whole
 * lines), in buffers of about 1 MB, and returns the rows stored.
 */
export async function copyInLines<T>(conn: pg.Client, sql: string, items: Iterable<T>, write: (item: T, emit: (lines: string) => void) => void): Promise<number> {
  const copy = conn.query(copyFrom(sql));
  await pipeline(Readable.from(buffers(items, write)), copy);
  return copy.rowCount;
}

// room past the 1 MB mark for what one item writes (one household's people: 99 at most, about 100 bytes each)
const SIZE = 1 << 20;
const ROOM = 64 * 1024;

function* buffers<T>(items: Iterable<T>, write: (item: T, emit: (lines: string) => void) => void): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(SIZE + ROOM);
  let at = 0;
  const emit = (lines: string) => {
    at += buf.write(lines, at, 'utf8');
  };
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
