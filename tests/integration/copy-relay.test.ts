/**
 * The COPY relay with a following COPY (server/db/copy-relay.ts, copyRelayFollowed): a second table
 * written at the same time from the first one's rows as written, both in the units' order; a
 * failure on either side leaves both tables as they were; a following table that points at the
 * first is refused before anything is emptied. The makers are the test's upper-casing thread
 * (tests/fixtures/copy-thread), which fails an input holding the line its init names.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { copyRelayFollowed, type CopyRelay, type FollowingCopy } from '../../server/db/copy-relay.js';
import { CopyThread } from '../../server/db/copy-thread.js';
import { testDb } from '../helpers/database.js';

const db = testDb();
const entry = path.resolve(import.meta.dirname, '../fixtures/copy-thread/upper-thread.mjs');
const threads: Array<CopyThread<{ refuse: string }>> = [];
const thread = (refuse = '') => {
  const t = new CopyThread(entry, { refuse }, 'upper-casing');
  threads.push(t);
  return t;
};
const suffix = randomBytes(4).toString('hex');
const [first, second] = [`relay_test_first_${suffix}`, `relay_test_second_${suffix}`];

afterAll(async () => {
  await Promise.all(threads.map((t) => t.close()));
  await db.raw(`drop table if exists ${second}, ${first}`);
  await db.destroy();
});

beforeEach(async () => {
  await db.raw(`drop table if exists ${second}, ${first}`);
  await db.raw(`create table ${first} (t text primary key)`);
  await db.raw(`create table ${second} (t text)`);
  await db.raw(`insert into ${first} values ('before'); insert into ${second} values ('before')`);
});

// five units of 1,000 lines each ("row 0" … "row 4999"), read from the database
const units = [0, 1, 2, 3, 4];
const relay = (makers: CopyRelay<number>['makers'], handed: number[] = []): CopyRelay<number> => ({
  units,
  read: (u) => `copy (select 'row ' || g from generate_series(${u * 1000}, ${u * 1000 + 999}) g order by g) to stdout`,
  makers,
  table: first,
  copy: `copy ${first} (t) from stdin with (freeze)`,
  handed: (u) => handed.push(u),
});
const following = (makers: FollowingCopy<number>['makers'], handed: number[] = []): FollowingCopy<number> => ({
  makers, table: second, copy: `copy ${second} (t) from stdin with (freeze)`, handed: (u) => handed.push(u),
});
const stored = async (table: string) => (await db.raw(`select t from ${table} order by ctid`)).rows.map((r: { t: string }) => r.t);
const expected = Array.from({ length: 5000 }, (_, i) => `ROW ${i}`);

describe('a COPY relay followed by a second COPY', () => {
  it('writes both tables whole, in the order of the units, the second from the first one\'s rows', async () => {
    const firstHanded: number[] = [];
    const secondHanded: number[] = [];
    // the following makers refuse a line only the first table's input holds: they are given its output
    const counts = await copyRelayFollowed(db, relay([thread(), thread()], firstHanded), following([thread('row 10'), thread('row 10')], secondHanded));
    expect(counts).toEqual([5000, 5000]);
    expect(await stored(first)).toEqual(expected);
    expect(await stored(second)).toEqual(expected);
    expect(firstHanded).toEqual(units);
    expect(secondHanded).toEqual(units);
  });

  it('leaves both tables as they were when the following COPY fails', async () => {
    await expect(copyRelayFollowed(db, relay([thread(), thread()]), following([thread('ROW 3500'), thread('ROW 3500')])))
      .rejects.toThrow('upper-casing failed: refused line ROW 3500');
    expect(await stored(first)).toEqual(['before']);
    expect(await stored(second)).toEqual(['before']);
  });

  it('leaves both tables as they were when the first COPY fails', async () => {
    await expect(copyRelayFollowed(db, relay([thread('row 2500'), thread('row 2500')]), following([thread(), thread()])))
      .rejects.toThrow('upper-casing failed: refused line row 2500');
    expect(await stored(first)).toEqual(['before']);
    expect(await stored(second)).toEqual(['before']);
  });

  it('leaves both tables as they were when a row breaks the first table\'s key', async () => {
    const repeated: CopyRelay<number> = { ...relay([thread(), thread()]), read: () => "copy (select 'row 1' from generate_series(1, 2)) to stdout" };
    await expect(copyRelayFollowed(db, repeated, following([thread(), thread()]))).rejects.toThrow(/duplicate key/);
    expect(await stored(first)).toEqual(['before']);
    expect(await stored(second)).toEqual(['before']);
  });

  it('refuses a following table that points at the first, before emptying either', async () => {
    await db.raw(`alter table ${second} add column f text references ${first} (t)`);
    await expect(copyRelayFollowed(db, relay([thread()]), following([thread()])))
      .rejects.toThrow(`${second} has a foreign key to ${first}: drop it before writing both at once`);
    expect(await stored(first)).toEqual(['before']);
    expect(await stored(second)).toEqual(['before']);
  });
});
