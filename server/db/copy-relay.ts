/**
 * One COPY into a table that a transaction empties first, fed in a fixed order of units whose rows
 * worker threads make from rows read on a second connection (./copy-thread.ts): the generator's
 * households and people (server/generate/households.ts, people.ts) and every household's distances measured anew
 * (server/access/measure-anew.ts).
 *
 * Why the table is emptied in the COPY's own transaction (FREEZE): a table emptied in the
 * transaction that writes it needs no WAL for its rows or its indexes under wal_level = minimal
 * (the files are synced at commit instead), and COPY FREEZE stores the rows frozen and marks their
 * pages all-visible, so neither the index builds nor the vacuum after rewrite every page to set its
 * hint bits. The people of the national profile written, indexed and vacuumed took 154–210 s this
 * way against 170–241 s before (four alternating pairs, tests/bench/RESULTS.md, generate); one
 * province's distances were stored in 0.5–0.7 s against 2.5 s.
 *
 * Why one COPY fed in order rather than a connection per thread: only the transaction that emptied
 * the table may write it, and rows written in the order of the table's key make its index builds
 * sort rows already in order.
 */
import type { Hash } from 'node:crypto';
import type pg from 'pg';
import type { Knex } from 'knex';
import { copyOut } from './copy-out.js';
import { copyInChunks } from './copy-text.js';

/** What turns a unit's rows read into the rows to write (a CopyThread). */
export interface RowMaker {
  transform(input: Buffer): AsyncGenerator<Buffer>;
}

export interface CopyRelay<U> {
  /** The units, in the order their rows are written. */
  units: readonly U[];
  /** COPY … TO STDOUT of a unit's input rows. */
  read: (unit: U) => string;
  /** Unit i is made by maker i mod makers (a maker takes its next unit when the COPY has taken all of its last one). */
  makers: readonly RowMaker[];
  /** The table emptied in the COPY's transaction (so its rows may be written frozen: `copy` says `freeze`). */
  table: string;
  /** Whether the tables that point at `table` are emptied with it (else none may point at it). */
  cascade?: boolean;
  /** COPY … FROM STDIN into `table`. */
  copy: string;
  /** Called after each unit's rows went to the COPY. */
  handed: (unit: U) => void;
  /**
   * Given every byte the COPY is sent, in order: the rows as written, a fingerprint of them (the
   * generator's checksum, server/generate/generate.ts) that costs no second reading of the table.
   */
  digest?: Hash;
}

/** Units whose input is read ahead of the COPY (at least one a maker): a maker then never waits for its input. */
const READ_AHEAD = 4;

/**
 * Writes every unit's rows with one COPY in place of whatever `table` held (and the tables that
 * point at it, with `cascade`) and returns how many; nothing is written when any part fails. Holds two connections of `db`:
 * one reads, one writes.
 */
export async function copyRelay<U>(db: Knex, relay: CopyRelay<U>): Promise<number> {
  const { units, read: readSql, makers, table, cascade, copy, handed, digest } = relay;
  const reader: pg.Client = await db.client.acquireConnection();
  const writer: pg.Client = await db.client.acquireConnection();
  const ahead = Math.max(READ_AHEAD, makers.length); // a unit's input is asked for before its maker makes it
  let reading: Promise<unknown> = Promise.resolve(); // the reader's COPYs, one after another
  try {
    const inputs: Array<Promise<Buffer>> = [];
    const read = (i: number) => {
      if (i >= units.length) return;
      inputs[i] = reading.then(async () => Buffer.concat(await copyOut(reader, readSql(units[i]))));
      inputs[i].catch(() => undefined); // awaited in turn
      reading = inputs[i].catch(() => undefined);
    };
    const made: Array<Promise<AsyncGenerator<Buffer>>> = [];
    const make = (i: number) => {
      if (i >= units.length) return;
      made[i] = inputs[i].then((text) => started(makers[i % makers.length].transform(text)));
      made[i].catch(() => undefined); // awaited in turn
    };
    async function* inOrder() {
      for (let i = 0; i < ahead; i++) read(i);
      for (let i = 0; i < makers.length; i++) make(i);
      for (let i = 0; i < units.length; i++) {
        for await (const chunk of await made[i]) {
          digest?.update(chunk);
          yield chunk;
        }
        handed(units[i]);
        read(i + ahead);
        make(i + makers.length);
      }
    }
    await writer.query('begin');
    try {
      await writer.query(`truncate ${table}${cascade ? ' cascade' : ''}`);
      const written = await copyInChunks(writer, copy, inOrder());
      await writer.query('commit');
      return written;
    } catch (err) {
      await writer.query('rollback').catch(() => undefined); // the error that matters is err
      throw err;
    }
  } finally {
    await reading; // no COPY of the reader's still running when it goes back to the pool
    db.client.releaseConnection(reader);
    db.client.releaseConnection(writer);
  }
}

/** `chunks` with its first chunk asked for now, so the thread behind it starts before the COPY reaches it. */
function started(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  const first = chunks.next();
  first.catch(() => undefined); // awaited below when the COPY reaches it; a failure before then is not unhandled
  return (async function* () {
    const head = await first;
    if (head.done) return;
    yield head.value;
    yield* chunks;
  })();
}
