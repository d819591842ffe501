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

/**
 * A second table written at the same time as a relay's, from its rows: each unit's rows, as sent
 * to the relay's table (the unit's whole COPY text), are a unit of input for these makers, and
 * their rows go with a COPY of their own, on a third connection, in the same order of units (the
 * generator's people, made from the households as they are written: server/generate/generate.ts).
 * The two COPYs run at once, each in its own transaction; both commit once both have written
 * everything, and neither does if either fails.
 */
export interface FollowingCopy<U> {
  makers: readonly RowMaker[];
  /** Emptied in the second COPY's transaction; it may not point at the relay's table (that one's emptying would wait for it). */
  table: string;
  copy: string;
  handed: (unit: U) => void;
  digest?: Hash;
}

/** Units whose input is read ahead of the COPY (at least one a maker): a maker then never waits for its input. */
const READ_AHEAD = 4;

/**
 * Units the relay's COPY may be ahead of a following one: the text of those units is held for the
 * following makers meanwhile, so this bounds what waits in memory (the national profile's largest
 * unit, Bangkok's households, is about 220 MB of text).
 */
const FOLLOWING_LAG = 3;

/**
 * Writes every unit's rows with one COPY in place of whatever `table` held (and the tables that
 * point at it, with `cascade`) and returns how many; nothing is written when any part fails. Holds two connections of `db`:
 * one reads, one writes.
 */
export async function copyRelay<U>(db: Knex, relay: CopyRelay<U>): Promise<number> {
  const [written] = await relayCopies(db, relay, null);
  return written;
}

/**
 * copyRelay, with `following`'s table written at the same time from the relay's rows; returns the
 * rows written to each. Holds three connections of `db`.
 */
export function copyRelayFollowed<U>(db: Knex, relay: CopyRelay<U>, following: FollowingCopy<U>): Promise<[number, number]> {
  return relayCopies(db, relay, following);
}

/** A promise with its settling functions, for a value another part of the relay provides. */
interface Pending<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

function pending<T>(): Pending<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  promise.catch(() => undefined); // awaited where it is needed; an abandoned one is not unhandled
  return { promise, resolve, reject };
}

async function relayCopies<U>(db: Knex, relay: CopyRelay<U>, following: FollowingCopy<U> | null): Promise<[number, number]> {
  const { units, read: readSql, makers, table, cascade, copy, handed, digest } = relay;
  const reader: pg.Client = await db.client.acquireConnection();
  const writers: pg.Client[] = [];
  const ahead = Math.max(READ_AHEAD, makers.length); // a unit's input is asked for before its maker makes it
  let reading: Promise<unknown> = Promise.resolve(); // the reader's COPYs, one after another
  // with a following COPY: each unit's rows as written (its input), and whether it has taken them
  const written = units.map(() => pending<Buffer>());
  const followed = units.map(() => pending<void>());
  // the first failure of either COPY ends the other's wait for the rows or the room it needs
  const abort = (err: unknown) => {
    for (const w of written) w.reject(err);
    for (const f of followed) f.reject(err);
  };
  try {
    writers.push(await db.client.acquireConnection());
    if (following) writers.push(await db.client.acquireConnection());
    const inputs: Array<Promise<Buffer>> = [];
    const read = (i: number) => {
      if (i >= units.length) return;
      inputs[i] = reading.then(async () => Buffer.concat(await copyOut(reader, readSql(units[i]))));
      inputs[i].catch(() => undefined); // awaited in turn
      reading = inputs[i].catch(() => undefined);
    };
    async function* inOrder() {
      for (let i = 0; i < ahead; i++) read(i);
      const made = madeInTurn(makers, units.length, (i) => inputs[i]);
      for (let i = 0; i < units.length; i++) {
        if (following && i >= FOLLOWING_LAG) await followed[i - FOLLOWING_LAG].promise;
        const rows: Buffer[] = [];
        for await (const chunk of await made.take(i)) {
          digest?.update(chunk);
          if (following) rows.push(chunk);
          yield chunk;
        }
        read(i + ahead);
        made.taken(i);
        handed(units[i]);
        if (following) written[i].resolve(Buffer.concat(rows));
      }
    }
    async function* followingInOrder(f: FollowingCopy<U>) {
      const made = madeInTurn(f.makers, units.length, (i) => written[i].promise);
      for (let i = 0; i < units.length; i++) {
        for await (const chunk of await made.take(i)) {
          f.digest?.update(chunk);
          yield chunk;
        }
        made.taken(i);
        f.handed(units[i]);
        followed[i].resolve();
      }
    }

    const copies = [{ writer: writers[0], table, cascade, copy, rows: inOrder }];
    if (following) {
      // emptying `table` with cascade would wait for the following transaction, which waits for its rows
      const { rows: [{ points }] } = await reader.query(
        'select exists (select from pg_constraint where contype = \'f\' and conrelid = $1::regclass and confrelid = $2::regclass) as points',
        [following.table, table]);
      if (points) throw new Error(`${following.table} has a foreign key to ${table}: drop it before writing both at once`);
      copies.push({ writer: writers[1], table: following.table, cascade: false, copy: following.copy, rows: () => followingInOrder(following) });
    }
    for (const c of copies) {
      await c.writer.query('begin');
      await c.writer.query(`truncate ${c.table}${c.cascade ? ' cascade' : ''}`);
    }
    const results = await Promise.allSettled(copies.map((c) => copyInChunks(c.writer, c.copy, c.rows()).catch((err) => {
      abort(err);
      throw err;
    })));
    try {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      for (const c of copies) await c.writer.query('commit');
      const counts = results.map((r) => (r as PromiseFulfilledResult<number>).value);
      return [counts[0], counts[1] ?? 0];
    } catch (err) {
      // a transaction not yet committed (or already ended) is rolled back; the error that matters is err
      for (const c of copies) await c.writer.query('rollback').catch(() => undefined);
      throw err;
    }
  } catch (err) {
    abort(err);
    throw err;
  } finally {
    await reading; // no COPY of the reader's still running when it goes back to the pool
    db.client.releaseConnection(reader);
    for (const w of writers) db.client.releaseConnection(w);
  }
}

/**
 * The makers' output for each unit, unit i made by maker i mod makers: a maker starts on its next
 * unit once the COPY has taken all of its last one (`taken`; unit i + makers' input must have been
 * asked for by then).
 */
function madeInTurn(makers: readonly RowMaker[], count: number, input: (i: number) => Promise<Buffer>) {
  const made: Array<Promise<AsyncGenerator<Buffer>>> = [];
  const make = (i: number) => {
    if (i >= count) return;
    made[i] = input(i).then((text) => started(makers[i % makers.length].transform(text)));
    made[i].catch(() => undefined); // awaited in turn
  };
  for (let i = 0; i < makers.length; i++) make(i);
  return {
    take: (i: number): Promise<AsyncGenerator<Buffer>> => made[i],
    /** Unit i's output went whole to the COPY: its maker is free for its next unit. */
    taken: (i: number) => make(i + makers.length),
  };
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
